package org.patchpipe.store.api.download;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address part of a From value as Patchwork's {@code split_from_header} finds it: the
 * {@code <...>} part, else {@code x at y (Name)}, else {@code addr (Name)}, else the whole value.
 */
final class FromHeader {
  private static final Pattern ANGLE = Pattern.compile("\"?(.*?)\"?\\s*<([^>]+)>", Pattern.UNIX_LINES);
  private static final Pattern AT = Pattern.compile("(.*?)\\sat\\s(.*?)\\s*\\(([^)]+)\\)", Pattern.UNIX_LINES);
  private static final Pattern PAREN = Pattern.compile("\"?(.*?)\"?\\s*\\(([^)]+)\\)", Pattern.UNIX_LINES);

  private FromHeader() {}

  static String email(String value) {
    Matcher m = ANGLE.matcher(value);
    if (m.lookingAt()) {
      return m.group(2).strip();
    }
    m = AT.matcher(value);
    if (m.lookingAt()) {
      return (m.group(1) + "@" + m.group(2)).strip();
    }
    m = PAREN.matcher(value);
    if (m.lookingAt()) {
      return m.group(1).strip();
    }
    return value.strip();
  }
}
