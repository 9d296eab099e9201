package org.patchpipe.parser.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Content-Type as CPython's compat32 {@code Message} reads it: {@code get_content_type},
 * {@code get_boundary} and {@code get_content_charset}, including its lenient parameter
 * splitting (quoted semicolons, bare attributes, one level of unquoting).
 */
final class ContentType {
  private ContentType() {}

  /** The lowercased {@code main/sub} type; the default where absent, text/plain where invalid. */
  static String type(MailHeader header, String defaultType) {
    if (header == null) {
      return defaultType;
    }
    String value = header.text();
    int semi = value.indexOf(';');
    String ctype = PythonText.strip(semi < 0 ? value : value.substring(0, semi)).toLowerCase(Locale.ROOT);
    int slash = ctype.indexOf('/');
    if (slash < 0 || ctype.indexOf('/', slash + 1) >= 0) {
      return "text/plain";
    }
    return ctype;
  }

  /** The lowercased charset parameter, or null where absent or not ASCII. */
  static String charset(MailHeader header) {
    String v = param(header, "charset");
    if (v == null) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) >= 0x80) {
        return null;
      }
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /** The boundary parameter, right-stripped, or null where absent. */
  static String boundary(MailHeader header) {
    String v = param(header, "boundary");
    return v == null ? null : PythonText.rstrip(v);
  }

  /** The unquoted value of a parameter, or null. */
  static String param(MailHeader header, String name) {
    if (header == null) {
      return null;
    }
    List<String> params = splitParams(header.text());
    for (int i = 1; i < params.size(); i++) {
      String p = params.get(i);
      int eq = p.indexOf('=');
      String k;
      String v;
      if (eq < 0) {
        k = PythonText.strip(p);
        v = "";
      } else {
        k = PythonText.strip(p.substring(0, eq));
        v = PythonText.strip(p.substring(eq + 1));
      }
      if (k.equalsIgnoreCase(name)) {
        return unquote(v);
      }
    }
    return null;
  }

  /** CPython's {@code _parseparam}: split on semicolons outside double quotes. */
  private static List<String> splitParams(String value) {
    List<String> out = new ArrayList<>();
    String s = ";" + value;
    while (s.startsWith(";")) {
      s = s.substring(1);
      int end = s.indexOf(';');
      while (end > 0 && (count(s, "\"", end) - count(s, "\\\"", end)) % 2 != 0) {
        end = s.indexOf(';', end + 1);
      }
      if (end < 0) {
        end = s.length();
      }
      String f = s.substring(0, end);
      int eq = f.indexOf('=');
      if (eq >= 0) {
        f = PythonText.strip(f.substring(0, eq)).toLowerCase(Locale.ROOT) + "=" + PythonText.strip(f.substring(eq + 1));
      }
      out.add(PythonText.strip(f));
      s = s.substring(end);
    }
    return out;
  }

  private static int count(String s, String needle, int end) {
    int n = 0;
    int i = s.indexOf(needle);
    while (i >= 0 && i + needle.length() <= end) {
      n++;
      i = s.indexOf(needle, i + needle.length());
    }
    return n;
  }

  private static String unquote(String v) {
    if (v.length() > 1) {
      if (v.startsWith("\"") && v.endsWith("\"")) {
        return v.substring(1, v.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
      }
      if (v.startsWith("<") && v.endsWith(">")) {
        return v.substring(1, v.length() - 1);
      }
    }
    return v;
  }
}
