package org.patchpipe.store.api.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patch API's {@code prefixes} (R12.5): Patchwork's {@code clean_subject(name)[1]} over the
 * stored name, dropping only {@code PATCH}. Stateless.
 */
final class Prefixes {
  private static final Pattern RE = Pattern.compile("^(re|fwd?)[:\\s]\\s*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern PREFIX = Pattern.compile("^\\[([^\\]]*)\\]\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern SPLIT = Pattern.compile("[,\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private Prefixes() {}

  static List<String> of(String name) {
    String subject = normaliseSpace(RE.matcher(name).replaceFirst(" "));
    List<String> prefixes = new ArrayList<>();
    Matcher m = PREFIX.matcher(subject);
    while (m.matches()) {
      for (String token : SPLIT.split(m.group(1))) {
        if (!token.isEmpty() && !token.equalsIgnoreCase("patch")) {
          prefixes.add(token);
        }
      }
      subject = m.group(2);
      m = PREFIX.matcher(subject);
    }
    return prefixes;
  }

  private static String normaliseSpace(String text) {
    return SPACE.matcher(text).replaceAll(" ").strip();
  }
}
