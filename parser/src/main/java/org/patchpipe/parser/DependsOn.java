package org.patchpipe.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R10.5: the {@code Depends-on:} lines of a stored patch's or cover letter's comment, read as
 * Patchwork's {@code parse_depends_on} reads them: first every URL line, resolved against
 * Patchwork's routes (host ignored, no percent-decoding), then every Message-ID line. What each
 * names is looked up later by whoever holds the mail (a series id, a patch's Message-ID, a patch's
 * or else a cover's Message-ID); this class only reads the text. Stateless.
 */
public final class DependsOn {
  // Python's \w, \d and \s of str patterns are Unicode-wide; $ and ^ break at LF only (MULTILINE).
  private static final String WORD = "\\p{L}\\p{N}_";
  private static final String SPACE = org.patchpipe.parser.mail.PythonText.W;
  private static final int FLAGS = Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE
      | Pattern.UNICODE_CASE;
  private static final Pattern URL = Pattern.compile(
      "^Depends-on: (http[s]?://[" + WORD + "\\-./=&@:%?_+()]+)[" + SPACE + "]*$", FLAGS);
  private static final Pattern MSGID = Pattern.compile("^Depends-on: (<[^>]+>)[" + SPACE + "]*$", FLAGS);
  /** Either kind of line starts so; one scan of it spares almost every mail the two above. */
  private static final Pattern ANY = Pattern.compile("^Depends-on: ", FLAGS);
  /** Patchwork's {@code patch-list} route; the series is its {@code series} query value. */
  private static final Pattern LIST_ROUTE = Pattern.compile("/project/[^/]+/list/");
  /** Patchwork's {@code patch-detail} route. */
  private static final Pattern PATCH_ROUTE = Pattern.compile("/project/[^/]+/patch/([^/]+)/");

  /** What one line names. */
  public sealed interface Dependency permits SeriesId, PatchPage, MessageId {}

  /** {@code /project/<any>/list/?series=<id>}: the series with that id, in any project. */
  public record SeriesId(long id) implements Dependency {}

  /** {@code /project/<any>/patch/<msgid>/}: the series of the earliest patch with that Message-ID. */
  public record PatchPage(String msgid) implements Dependency {}

  /** {@code <msgid>}: the series of the earliest patch with it, else of the earliest cover letter with it. */
  public record MessageId(String msgid) implements Dependency {}

  private DependsOn() {}

  /** Every dependency {@code comment} names, URL lines first, in text order; empty for none. */
  public static List<Dependency> read(String comment) {
    if (comment == null || !ANY.matcher(comment).find()) {
      return List.of();
    }
    List<Dependency> out = new ArrayList<>();
    for (Matcher m = URL.matcher(comment); m.find();) {
      Dependency d = route(m.group(1));
      if (d != null) {
        out.add(d);
      }
    }
    for (Matcher m = MSGID.matcher(comment); m.find();) {
      out.add(new MessageId(m.group(1)));
    }
    return out;
  }

  /** The route of a URL's path, as Django's {@code resolve} sees it, or null for any other view. */
  private static Dependency route(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String path = rest.substring(slash);
    String query = "";
    int question = path.indexOf('?');
    if (question >= 0) {
      query = path.substring(question + 1);
      path = path.substring(0, question);
    }
    if (LIST_ROUTE.matcher(path).matches()) {
      String series = firstValue(query, "series");
      if (series == null) {
        return null;
      }
      // Python's int() allows surrounding whitespace and a sign; a negative id names no series.
      series = org.patchpipe.parser.mail.PythonText.strip(series).replaceFirst("^\\+", "");
      return series.matches("[0-9]{1,18}") ? new SeriesId(Long.parseLong(series)) : null;
    }
    Matcher patch = PATCH_ROUTE.matcher(path);
    if (patch.matches()) {
      return new PatchPage("<" + patch.group(1).replace("%2F", "/") + ">");
    }
    return null;
  }

  /** The first value of {@code name} in a query string, as {@code parse_qs(query)[name][0]}, or null. */
  private static String firstValue(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name) && eq + 1 < pair.length()) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
