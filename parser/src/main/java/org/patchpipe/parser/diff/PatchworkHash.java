package org.patchpipe.parser.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.patchpipe.parser.mail.PythonText;

/**
 * Patchwork's diff hash ({@code hasher.hash_diff}, R8), bit for bit: SHA-1 over the diff's file
 * name lines (first path component dropped), hunk headers reduced to their line counts, and the
 * {@code -}, {@code +} and context lines; everything else is ignored.
 *
 * <pre>{@code
 * String hash = PatchworkHash.hash(diff); // 40 lowercase hex digits
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PatchworkHash {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PatchworkHash() {}

  /** The hash of {@code diff}. */
  public static String hash(String diff) {
    String d = diff.indexOf('\r') < 0 ? diff : diff.replace("\r", "");
    d = PythonText.strip(d) + "\n";
    StringBuilder out = new StringBuilder(d.length());
    int n = d.length();
    int start = 0;
    while (start < n) {
      int nl = d.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      if (end > start) {
        emit(d, start, end, out);
      }
      start = end + 1;
    }
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
    byte[] digest = sha1.digest(out.toString().getBytes(StandardCharsets.UTF_8));
    char[] hex = new char[40];
    for (int i = 0; i < 20; i++) {
      hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      hex[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(hex);
  }

  private static void emit(String d, int start, int end, StringBuilder out) {
    char c = d.charAt(start);
    if ((c == '-' && d.startsWith("--- ", start)) || (c == '+' && d.startsWith("+++ ", start))) {
      // ^(---|\+\+\+) (\S+): the path is the run of non-whitespace after the space.
      int p = start + 4;
      int q = p;
      while (q < end && !PythonText.isSpace(d.charAt(q))) {
        q++;
      }
      if (q > p) {
        int slash = d.indexOf('/', p);
        String rest = slash >= 0 && slash < q ? d.substring(slash + 1, q) : "";
        out.append(c == '-' ? "--- a/" : "+++ b/").append(rest).append('\n');
        return;
      }
    }
    if (c == '@') {
      String[] counts = HunkHeader.canonicalCounts(d, start, end);
      if (counts != null) {
        out.append("@@ -").append(counts[0]).append(" +").append(counts[1]).append(" @@\n");
        return;
      }
    }
    if (c == '-' || c == '+' || c == ' ') {
      out.append(d, start, end).append('\n');
    }
  }
}
