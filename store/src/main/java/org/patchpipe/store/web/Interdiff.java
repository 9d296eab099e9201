package org.patchpipe.store.web;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/**
 * What changed between two revisions of a patch, beyond Patchwork (getpatchwork/patchwork #636):
 * a unified diff of one revision's diff against the other's, as {@code git range-diff} shows a
 * pair. A diff of diffs needs neither revision to apply to a tree, so it works on any two mails;
 * lines read {@code "+-old"} or {@code "++new"}. Stateless.
 */
final class Interdiff {
  /** Context lines around each change, as git's default. */
  private static final int CONTEXT = 3;

  /**
   * Above this many lines in all, no interdiff is computed: Myers' diff costs O((N+M)D) and a mail
   * may carry a diff of any size, so a page must not let one request take the server's CPU.
   */
  static final int MAX_LINES = 40_000;

  private Interdiff() {}

  /** Whether two diffs are small enough for {@link #between}. */
  static boolean computable(String olderDiff, String newerDiff) {
    return lineCount(olderDiff) + lineCount(newerDiff) <= MAX_LINES;
  }

  private static long lineCount(String text) {
    return text == null ? 0 : text.chars().filter(c -> c == '\n').count();
  }

  /** The unified diff from {@code olderDiff} (named {@code olderName}) to {@code newerDiff}; empty when equal. */
  static String between(String olderName, String olderDiff, String newerName, String newerDiff) {
    List<String> older = lines(olderDiff);
    List<String> newer = lines(newerDiff);
    Patch<String> patch = DiffUtils.diff(older, newer);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(olderName, newerName, older, patch, CONTEXT)) + "\n";
  }

  private static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return Arrays.asList(trimmed.split("\n", -1));
  }
}
