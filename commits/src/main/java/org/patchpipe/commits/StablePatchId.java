package org.patchpipe.commits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The patch-id {@code git patch-id --stable} gives a diff: SHA-1 of each file's diff with all
 * whitespace removed and hunk line numbers ignored, the per-file sums added as 20-byte numbers so
 * that file order does not matter. It survives a rebase that moves the change to other line
 * numbers and whitespace-only changes; changed context lines give another id, as in git.
 *
 * <pre>{@code
 * Optional<String> id = StablePatchId.of(patch.diff());
 * }</pre>
 *
 * <p>Follows git's {@code builtin/patch-id.c} ({@code get_one_patchid}, {@code flush_one_hunk},
 * {@code scan_hunk_header}) for text diffs; the test compares it with the real {@code git patch-id
 * --stable}. Stateless and thread-safe; never throws: a text with no diff has no id.
 */
public final class StablePatchId {
  private StablePatchId() {}

  /** The stable patch-id of the diff in {@code text} (40 lowercase hex digits), if it has one. */
  public static java.util.Optional<String> of(String text) {
    byte[] result = new byte[20];
    MessageDigest ctx = sha1();
    int patchLength = 0;
    int before = -1;
    int after = -1;
    for (String line : lines(text)) {
      if (line.startsWith("\\ ") && line.length() > 12) {
        continue; // "\ No newline at end of file"
      }
      if (patchLength == 0 && !line.startsWith("diff ")) {
        continue;
      }
      if (before == -1) {
        if (line.startsWith("index ")) {
          continue;
        } else if (line.startsWith("--- ")) {
          before = 1;
          after = 1;
        } else if (line.isEmpty() || !isAsciiLetter(line.charAt(0))) {
          break;
        }
      }
      if (before == 0 && after == 0) {
        if (line.startsWith("@@ -")) {
          int[] counts = hunkCounts(line);
          if (counts != null) {
            before = counts[0];
            after = counts[1];
          }
          continue;
        }
        if (!line.startsWith("diff ")) {
          break;
        }
        flush(result, ctx);
        before = -1;
        after = -1;
      }
      char first = line.isEmpty() ? 0 : line.charAt(0);
      if (first == '-' || first == ' ') {
        before--;
      }
      if (first == '+' || first == ' ') {
        after--;
      }
      byte[] squeezed = withoutSpace(line);
      patchLength += squeezed.length;
      ctx.update(squeezed);
    }
    if (patchLength == 0) {
      return java.util.Optional.empty();
    }
    flush(result, ctx);
    return java.util.Optional.of(HexFormat.of().formatHex(result));
  }

  /** Lines with their terminator, as git reads them; the terminator is whitespace to git anyway. */
  private static String[] lines(String text) {
    return text.split("\n", -1);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** {@code @@ -a[,b] +c[,d] @@}: the before and after counts (1 where absent), or null. */
  private static int[] hunkCounts(String line) {
    int q = 4;
    int n = digits(line, q);
    int before = 1;
    if (charAt(line, q + n) == ',') {
      q += n + 1;
      n = digits(line, q);
      before = n == 0 ? 0 : Integer.parseInt(line.substring(q, q + n));
    }
    if (n == 0 || charAt(line, q + n) != ' ' || charAt(line, q + n + 1) != '+') {
      return null;
    }
    int r = q + n + 2;
    n = digits(line, r);
    int after = 1;
    if (charAt(line, r + n) == ',') {
      r += n + 1;
      n = digits(line, r);
      after = n == 0 ? 0 : Integer.parseInt(line.substring(r, r + n));
    }
    return n == 0 ? null : new int[] {before, after};
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  private static char charAt(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  /** The line's UTF-8 bytes without git's isspace() bytes (space, tab, CR, LF). */
  private static byte[] withoutSpace(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    int n = 0;
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        bytes[n++] = b;
      }
    }
    return java.util.Arrays.copyOf(bytes, n);
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  /** Adds this file's SHA-1 to the running 20-byte sum, little-endian with carry, as git does. */
  private static void flush(byte[] result, MessageDigest ctx) {
    byte[] hash = ctx.digest();
    int carry = 0;
    for (int i = 0; i < result.length; i++) {
      carry += (result[i] & 0xff) + (hash[i] & 0xff);
      result[i] = (byte) carry;
      carry >>>= 8;
    }
  }
}
