package org.patchpipe.parser.diff;

/**
 * Patchwork's diff/comment state machine ({@code parse_patch}, R6.4), reproduced exactly, quirks
 * included: context diffs stay comment, a binary part swallows everything up to the next line
 * starting with {@code diff}, a hunk shorter than its header claims swallows following lines.
 *
 * <pre>{@code
 * DiffSplit split = DiffSplitter.split(mailText);
 * String diff = split.diff();       // null where there is none
 * }</pre>
 *
 * <p>Works on line ranges of the input without copying lines. Stateless.
 */
public final class DiffSplitter {
  private static final String[] EXTENDED = {
    "old mode ", "new mode ", "deleted file mode ", "new file mode ", "copy from ", "copy to ",
    "rename from ", "rename to ", "similarity index ", "dissimilarity index ", "index "
  };
  private static final String NO_NEWLINE = "\\ No newline at end of file";

  private DiffSplitter() {}

  /** Splits {@code content} into diff and comment. */
  public static DiffSplit split(String content) {
    StringBuilder patch = new StringBuilder();
    StringBuilder comment = new StringBuilder(Math.min(content.length(), 1 << 16));
    StringBuilder buf = new StringBuilder();
    int state = 0;
    int oldCount = 0;
    int newCount = 0;
    int hunks = 0;
    int n = content.length();
    int start = 0;
    while (start <= n) {
      int nl = content.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      // The line is content[start, end) plus an LF, whether or not the input had one.
      Line line = new Line(content, start, end);
      switch (state) {
        case 0:
          if (line.startsWith("diff ") || line.startsWith("Index: ")) {
            state = 1;
            line.appendTo(buf);
          } else if (line.startsWith("--- ")) {
            state = 2;
            line.appendTo(buf);
          } else {
            line.appendTo(comment);
          }
          break;
        case 1:
          line.appendTo(buf);
          if (line.startsWith("--- ")) {
            state = 2;
          }
          if (line.startsWithAny(EXTENDED)) {
            state = 6;
          }
          break;
        case 2:
          if (line.startsWith("+++ ")) {
            state = 3;
            line.appendTo(buf);
          } else if (hunks > 0) {
            state = 1;
            line.appendTo(buf);
          } else {
            state = 0;
            line.flushInto(comment, buf);
          }
          break;
        case 3:
          int[] counts = HunkHeader.counts(content, start, end);
          if (counts != null) {
            oldCount = counts[0];
            newCount = counts[1];
            state = 4;
            line.flushInto(patch, buf);
          } else if (line.startsWith("--- ")) {
            line.flushInto(patch, buf);
            state = 2;
          } else if (hunks > 0 && line.startsWith(NO_NEWLINE)) {
            line.appendTo(patch);
          } else if (hunks > 0) {
            state = 1;
            line.appendTo(buf);
          } else {
            state = 0;
            line.flushInto(comment, buf);
          }
          break;
        case 4:
        case 5:
          if (line.startsWith("-")) {
            oldCount--;
          } else if (line.startsWith("+")) {
            newCount--;
          } else if (!line.startsWith(NO_NEWLINE)) {
            oldCount--;
            newCount--;
          }
          line.appendTo(patch);
          if (oldCount <= 0 && newCount <= 0) {
            state = 3;
            hunks++;
          } else {
            state = 5;
          }
          break;
        case 6:
          if (line.startsWithAny(EXTENDED)) {
            line.flushInto(patch, buf);
          } else if (line.startsWith("--- ")) {
            line.flushInto(patch, buf);
            state = 2;
          } else if (line.startsWith("GIT binary patch")) {
            line.flushInto(patch, buf);
            state = 7;
          } else {
            line.appendTo(buf);
            state = 1;
          }
          break;
        default:
          if (line.startsWith("diff")) {
            line.appendTo(buf);
            state = 0;
          } else {
            line.flushInto(patch, buf);
          }
          break;
      }
      start = end + 1;
    }
    comment.append(buf);
    return new DiffSplit(
        patch.length() == 0 ? null : patch.toString(),
        comment.length() == 0 ? null : comment.toString());
  }

  /** A view of one line of the input; its LF is implied. */
  private static final class Line {
    private final String s;
    private final int start;
    private final int end;

    Line(String s, int start, int end) {
      this.s = s;
      this.start = start;
      this.end = end;
    }

    boolean startsWith(String prefix) {
      // The implied LF can complete a prefix only where the prefix ends in LF; none does.
      return end - start >= prefix.length() && s.startsWith(prefix, start);
    }

    boolean startsWithAny(String[] prefixes) {
      if (end - start < 6) {
        return false;
      }
      char c = s.charAt(start);
      if (c != 'o' && c != 'n' && c != 'd' && c != 'c' && c != 'r' && c != 's' && c != 'i') {
        return false;
      }
      for (String p : prefixes) {
        if (startsWith(p)) {
          return true;
        }
      }
      return false;
    }

    void appendTo(StringBuilder sb) {
      sb.append(s, start, end).append('\n');
    }

    /** R6.4's "{@code target += buf + line; buf = ''}": the held lines and this one go to target. */
    void flushInto(StringBuilder target, StringBuilder buf) {
      target.append(buf);
      appendTo(target);
      buf.setLength(0);
    }
  }
}
