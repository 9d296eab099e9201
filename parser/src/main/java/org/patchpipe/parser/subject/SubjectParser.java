package org.patchpipe.parser.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.mail.HeaderCleaner;
import org.patchpipe.parser.mail.PythonText;
import static org.patchpipe.parser.mail.PythonText.W;

/**
 * Patchwork's subject rules (R5): the stored {@code name}, prefixes, reply flag, series marker and
 * version.
 *
 * <pre>{@code
 * Subject s = SubjectParser.parse("[PATCH RFC net-next v3 2/5] x", List.of("net-next")).orElseThrow();
 * s.name();     // "[RFC,v3,2/5] x"
 * s.number();   // 2
 * }</pre>
 *
 * <p>Stateless.
 */
public final class SubjectParser {
  /** The longest stored name (Patchwork's column). */
  public static final int MAX_NAME = 255;

  private static final Pattern REPLY_OR_FORWARD =
      Pattern.compile("^(re|fwd?)[:" + W + "][" + W + "]*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern REPLY =
      Pattern.compile("^(re)[:" + W + "]", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern BRACKET =
      Pattern.compile("^\\[([^\\]]*)\\][" + W + "]*(.*)$", Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern HG_MARKER =
      Pattern.compile("^PATCH (\\d+ of \\d+)(.*)$", Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS | Pattern.DOTALL);
  private static final Pattern SPLIT = Pattern.compile("[," + W + "]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern MARKER = Pattern.compile(".*?([0-9]+)(?:/| of )([0-9]+)");
  private static final Pattern VERSION_PREFIX =
      Pattern.compile("[vV](\\d+)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern VERSION_IN_NAME =
      Pattern.compile("\\([vV](\\d+)\\)", Pattern.UNICODE_CHARACTER_CLASS);

  private SubjectParser() {}

  /** The result of {@code clean_subject}: the full (untruncated) name and the prefixes. */
  public record Cleaned(String name, List<String> prefixes) {
    public Cleaned {
      prefixes = List.copyOf(prefixes);
    }
  }

  /**
   * Parses a raw Subject header value for a project whose link name (and any other words) are in
   * {@code drop}; empty where the header cannot be decoded (Patchwork rejects the mail).
   */
  public static Optional<Subject> parse(String rawSubject, List<String> drop) {
    Optional<String> cleaned = HeaderCleaner.clean(rawSubject);
    if (cleaned.isEmpty()) {
      return Optional.empty();
    }
    String s = cleaned.get();
    Cleaned c = cleanSubject(s, drop);
    Integer[] marker = seriesMarker(c.prefixes());
    int version = version(c.name(), c.prefixes());
    String name = PythonText.truncate(c.name(), MAX_NAME);
    return Optional.of(
        new Subject(name, apiPrefixes(name), isReply(s), marker[0], marker[1], version));
  }

  /** R5.1 on already cleaned text ({@code clean_subject} after {@code CH}). */
  public static Cleaned cleanSubject(String cleanedSubject, List<String> drop) {
    List<String> dropLower = new ArrayList<>();
    for (String d : drop) {
      dropLower.add(d.toLowerCase(Locale.ROOT));
    }
    dropLower.add("patch");
    String s = REPLY_OR_FORWARD.matcher(cleanedSubject).replaceFirst(" ");
    s = PythonText.collapse(s);
    List<String> prefixes = new ArrayList<>();
    Matcher m = BRACKET.matcher(s);
    while (m.matches()) {
      for (String token : tokens(m.group(1))) {
        if (!dropLower.contains(token.toLowerCase(Locale.ROOT))) {
          prefixes.add(token);
        }
      }
      s = m.group(2);
      m = BRACKET.matcher(s);
    }
    s = PythonText.collapse(s);
    String name = prefixes.isEmpty() ? s : "[" + String.join(",", prefixes) + "] " + s;
    return new Cleaned(name, prefixes);
  }

  /** R5.2: tokens of one bracket group. */
  static List<String> tokens(String group) {
    List<String> out = new ArrayList<>();
    String rest = group;
    Matcher hg = HG_MARKER.matcher(group);
    if (hg.matches()) {
      out.add("PATCH");
      out.add(hg.group(1));
      rest = hg.group(2);
    }
    for (String t : SPLIT.split(rest, -1)) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** R12.5: the prefixes the API recomputes from a stored name. */
  public static List<String> apiPrefixes(String storedName) {
    Optional<String> cleaned = HeaderCleaner.clean(storedName);
    if (cleaned.isEmpty()) {
      return List.of();
    }
    return cleanSubject(cleaned.get(), List.of()).prefixes();
  }

  /** R5.3 on the cleaned subject. */
  public static boolean isReply(String cleanedSubject) {
    return REPLY.matcher(cleanedSubject).find();
  }

  /** R5.4: {x, n} from the first prefix that looks like a marker; nulls where none. */
  public static Integer[] seriesMarker(List<String> prefixes) {
    for (String p : prefixes) {
      Matcher m = MARKER.matcher(p);
      if (m.matches()) {
        try {
          return new Integer[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        } catch (NumberFormatException e) {
          // Python's int has no limit; numbers past 2^31 are not real series markers.
          return new Integer[] {null, null};
        }
      }
    }
    return new Integer[] {null, null};
  }

  /** R5.5. */
  public static int version(String name, List<String> prefixes) {
    for (String p : prefixes) {
      Matcher m = VERSION_PREFIX.matcher(p);
      if (m.matches()) {
        return parseIntOr(m.group(1), 1);
      }
    }
    Matcher m = VERSION_IN_NAME.matcher(name);
    if (m.find()) {
      return parseIntOr(m.group(1), 1);
    }
    return 1;
  }

  private static int parseIntOr(String digits, int fallback) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
