package org.patchpipe.parser.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * The headers of one message or MIME part, in received order with duplicates kept (R0.1). Names
 * compare case-insensitively (ASCII). Immutable.
 */
public final class MailHeaders {
  /** No headers at all. */
  public static final MailHeaders EMPTY = new MailHeaders(List.of());

  private final List<MailHeader> all;

  public MailHeaders(List<MailHeader> all) {
    this.all = List.copyOf(all);
  }

  /** Every header in received order ({@code items()}). */
  public List<MailHeader> all() {
    return all;
  }

  /** Whether a header of this name is present ({@code name in mail}). */
  public boolean contains(String name) {
    return get(name) != null;
  }

  /** The raw value of the first header of this name ({@code get(name)}), or null. */
  public String get(String name) {
    for (MailHeader h : all) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** The first header of this name, or null. */
  public MailHeader first(String name) {
    for (MailHeader h : all) {
      if (h.name().equalsIgnoreCase(name)) {
        return h;
      }
    }
    return null;
  }

  /** Every header of this name, in order ({@code get_all(name)}). */
  public List<MailHeader> getAll(String name) {
    List<MailHeader> out = new ArrayList<>(2);
    for (MailHeader h : all) {
      if (h.name().equalsIgnoreCase(name)) {
        out.add(h);
      }
    }
    return out;
  }

  public int size() {
    return all.size();
  }
}
