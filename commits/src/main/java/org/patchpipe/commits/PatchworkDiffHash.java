package org.patchpipe.commits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patchwork's diff hash ({@code hasher.hash_diff}, rule R8.1): SHA-1 over the diff's file names
 * (top directory dropped), hunk headers without line numbers, and its {@code +}, {@code -} and
 * context lines. Survives moved line numbers; not changed context.
 *
 * <pre>{@code
 * String hash = PatchworkDiffHash.of(commitDiff.text());
 * }</pre>
 *
 * <p>The parser computes the same hash when it stores a patch; this copy lets the commit matcher
 * hash a commit's diff without a mail around it, and the golden test holds it to Patchwork's own
 * hashes of the corpus. Stateless and thread-safe; never throws for any input.
 */
public final class PatchworkDiffHash {
  /** Python's whitespace set W (rules R0.2); Java's {@code \\s} and {@code strip()} differ. */
  private static final String W = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  private static final Pattern FILE = Pattern.compile("^(---|\\+\\+\\+) ([^" + W + "]+)");
  private static final Pattern SPACE = Pattern.compile("[" + W + "]");
  private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@");

  private PatchworkDiffHash() {}

  /** The 40-digit lowercase hex hash of {@code diff} (R8.1). */
  public static String of(String diff) {
    MessageDigest sha1 = sha1();
    String text = stripPython(diff.replace("\r", "")) + "\n";
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      String emitted = normalise(line);
      if (emitted != null) {
        sha1.update((emitted + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  private static String normalise(String line) {
    Matcher file = FILE.matcher(line);
    if (file.find()) {
      String path = file.group(2);
      int slash = path.indexOf('/');
      String rest = slash < 0 ? "" : path.substring(slash + 1);
      return file.group(1).equals("---") ? "--- a/" + rest : "+++ b/" + rest;
    }
    Matcher hunk = HUNK.matcher(line);
    if (hunk.find()) {
      return "@@ -" + count(hunk.group(1)) + " +" + count(hunk.group(2)) + " @@";
    }
    char first = line.charAt(0);
    return first == '-' || first == '+' || first == ' ' ? line : null;
  }

  private static int count(String group) {
    // Python's int() of a zero count is 0, and "not x" is only true for an absent group.
    return group == null ? 1 : Integer.parseInt(group);
  }

  /** Python's {@code str.strip()} (R0.2). */
  static String stripPython(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isPythonSpace(char c) {
    return SPACE.matcher(String.valueOf(c)).matches();
  }

  static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
