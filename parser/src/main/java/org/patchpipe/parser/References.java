package org.patchpipe.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.patchpipe.parser.mail.HeaderCleaner;
import org.patchpipe.parser.mail.MailHeader;
import org.patchpipe.parser.mail.MailHeaders;

/**
 * The reference list of a mail (R1.4): each In-Reply-To (its first {@code <...>} or the whole
 * cleaned value), then each References header's ids newest first, without repeats.
 */
final class References {
  private References() {}

  static List<String> of(MailHeaders headers) {
    List<String> refs = new ArrayList<>();
    for (MailHeader h : headers.getAll("In-Reply-To")) {
      Optional<String> v = HeaderCleaner.clean(h.value());
      if (v.isEmpty() || v.get().isEmpty()) {
        continue;
      }
      String id = firstBracketed(v.get());
      refs.add(id != null ? id : v.get());
    }
    for (MailHeader h : headers.getAll("References")) {
      Optional<String> v = HeaderCleaner.clean(h.value());
      if (v.isEmpty() || v.get().isEmpty()) {
        continue;
      }
      List<String> ids = allBracketed(v.get());
      Collections.reverse(ids);
      for (String id : ids) {
        if (!refs.contains(id)) {
          refs.add(id);
        }
      }
    }
    return refs;
  }

  /** The first match of {@code <[^>]+>}, or null. */
  static String firstBracketed(String s) {
    int from = 0;
    while (true) {
      int lt = s.indexOf('<', from);
      if (lt < 0) {
        return null;
      }
      int gt = s.indexOf('>', lt + 1);
      if (gt < 0) {
        return null;
      }
      if (gt > lt + 1) {
        return s.substring(lt, gt + 1);
      }
      from = lt + 1;
    }
  }

  /** Every non-overlapping match of {@code <[^>]+>}. */
  static List<String> allBracketed(String s) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from < s.length()) {
      int lt = s.indexOf('<', from);
      if (lt < 0) {
        break;
      }
      int gt = s.indexOf('>', lt + 1);
      if (gt < 0) {
        break;
      }
      if (gt == lt + 1) {
        from = lt + 1;
        continue;
      }
      out.add(s.substring(lt, gt + 1));
      from = gt + 1;
    }
    return out;
  }
}
