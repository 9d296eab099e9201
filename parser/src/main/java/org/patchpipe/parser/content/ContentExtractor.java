package org.patchpipe.parser.content;

import java.util.List;
import java.util.Optional;
import org.patchpipe.parser.diff.DiffSplit;
import org.patchpipe.parser.diff.DiffSplitter;
import org.patchpipe.parser.mail.MimePart;
import org.patchpipe.parser.mail.PythonCharsets;
import org.patchpipe.parser.mail.PythonText;

/**
 * Patchwork's content extraction (R6): decodes each {@code text/*} part (R6.1), then in patch mode
 * runs the diff state machine on plain parts until a diff is found and takes {@code x-patch}/{@code
 * x-diff} parts whole (R6.2, R6.5), or in reply mode joins the plain parts (R6.3); finally cuts the
 * signature or list footer and strips (R6.6, R6.7).
 *
 * <pre>{@code
 * MailContent c = ContentExtractor.extract(mime.parts(), false);
 * }</pre>
 *
 * <p>Stateless.
 */
public final class ContentExtractor {
  private static final PythonCharsets.Codec UTF8 = PythonCharsets.lookup("utf-8").orElseThrow();
  private static final PythonCharsets.Codec CP1252 = PythonCharsets.lookup("cp1252").orElseThrow();
  private static final PythonCharsets.Codec LATIN1 = PythonCharsets.lookup("latin-1").orElseThrow();

  private ContentExtractor() {}

  /** Extracts content from the walked parts; {@code reply} selects reply mode. */
  public static MailContent extract(List<MimePart> parts, boolean reply) {
    String diff = null;
    StringBuilder comment = new StringBuilder();
    for (MimePart part : parts) {
      if (part.container() || !part.maintype().equals("text")) {
        continue;
      }
      String subtype = part.subtype();
      if (reply) {
        if (!subtype.equals("plain")) {
          continue;
        }
        String text = decode(part);
        if (text == null || text.isEmpty()) {
          continue;
        }
        comment.append(PythonText.strip(text)).append('\n');
        continue;
      }
      if (subtype.equals("x-patch") || subtype.equals("x-diff")) {
        String text = decode(part);
        if (text != null) {
          diff = text;
        }
      } else if (subtype.equals("plain")) {
        String text = decode(part);
        if (text == null) {
          continue;
        }
        String c = text;
        if (diff == null || diff.isEmpty()) {
          DiffSplit split = DiffSplitter.split(text);
          diff = split.diff();
          c = split.comment();
        }
        if (c != null) {
          comment.append(PythonText.strip(c)).append('\n');
        }
      }
    }
    if (diff != null) {
      diff = diff.isEmpty() ? null : PythonText.removeNul(diff);
    }
    return new MailContent(diff, cleanComment(comment.toString()));
  }

  /**
   * R6.1: the part's text, or null where Patchwork skips it (declared charset fails). Undeclared
   * or unknown charsets try UTF-8, then windows-1252, then ISO-8859-1.
   */
  public static String decode(MimePart part) {
    String charset = part.charset();
    Optional<PythonCharsets.Codec> codec = charset == null ? Optional.empty() : PythonCharsets.lookup(charset);
    if (codec.isPresent()) {
      return part.text(codec.get()).orElse(null);
    }
    Optional<String> text = part.text(UTF8);
    if (text.isPresent()) {
      return text.get();
    }
    // Undo the transfer encoding once for the two fallbacks.
    byte[] payload = part.payload();
    text = CP1252.decode(payload);
    if (text.isEmpty()) {
      text = LATIN1.decode(payload);
    }
    return text.orElse(null);
  }

  /** R6.6: cut at the first {@code -- } or underscores-only line followed by LF, strip, drop NULs. */
  public static String cleanComment(String comment) {
    int n = comment.length();
    int start = 0;
    while (start < n) {
      int nl = comment.indexOf('\n', start);
      if (nl < 0) {
        break;
      }
      if (isSignatureLine(comment, start, nl)) {
        comment = comment.substring(0, start);
        break;
      }
      start = nl + 1;
    }
    return PythonText.removeNul(PythonText.strip(comment));
  }

  private static boolean isSignatureLine(String s, int start, int end) {
    int len = end - start;
    if (len == 3 && s.startsWith("-- ", start)) {
      return true;
    }
    if (len == 0) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (s.charAt(i) != '_') {
        return false;
      }
    }
    return true;
  }
}
