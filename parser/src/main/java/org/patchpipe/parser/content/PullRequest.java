package org.patchpipe.parser.content;

import static org.patchpipe.parser.mail.PythonText.W;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpipe.parser.mail.PythonText;

/**
 * Finds a {@code git request-pull} URL in a cleaned comment (R6.8, Patchwork's {@code
 * parse_pull_request}): the last "are available in the git repository at:" line after "The
 * following changes since commit", and the URL (plus branch) on the following line. Stateless.
 */
public final class PullRequest {
  private static final String WORD = "\\p{L}\\p{N}_";
  private static final Pattern GIT =
      Pattern.compile(
          "^The following changes since commit.*^are available in the git repository at:["
              + W
              + "]*\\n^["
              + W
              + "]*(["
              + WORD
              + "+-]+(?:://|@)["
              + WORD
              + "/.@:~-]+["
              + W
              + "\\\\]*["
              + WORD
              + "/._-]*)["
              + W
              + "]*$",
          Pattern.DOTALL
              | Pattern.MULTILINE
              | Pattern.UNIX_LINES
              | Pattern.CASE_INSENSITIVE
              | Pattern.UNICODE_CASE);
  private static final String START = "The following changes since commit";
  private static final String NEEDLE = "are available in the git repository at:";

  private PullRequest() {}

  /** The pull URL, whitespace runs collapsed, or null where there is none. */
  public static String find(String comment) {
    if (comment == null || lineStartingWith(comment, NEEDLE) < 0) {
      return null;
    }
    // Patchwork searches from every line start; if the first "The following changes" line cannot
    // start a match, no later one can (the DOTALL .* spans them all), so one attempt suffices and
    // hostile input cannot make the search quadratic.
    int start = lineStartingWith(comment, START);
    if (start < 0) {
      return null;
    }
    Matcher m = GIT.matcher(comment);
    m.region(start, comment.length());
    if (!m.lookingAt()) {
      return null;
    }
    return PythonText.collapse(m.group(1));
  }

  /** The first line start where {@code prefix} follows, any case, or -1. */
  private static int lineStartingWith(String s, String prefix) {
    int start = 0;
    int n = s.length();
    while (start < n) {
      if (s.regionMatches(true, start, prefix, 0, prefix.length())) {
        return start;
      }
      int nl = s.indexOf('\n', start);
      if (nl < 0) {
        return -1;
      }
      start = nl + 1;
    }
    return -1;
  }
}
