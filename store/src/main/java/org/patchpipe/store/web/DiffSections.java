package org.patchpipe.store.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff cut into one section per file, each line told apart as added, removed, context,
 * hunk header or file header, for the patch page. Hunks are read by their {@code @@ -a,b +c,d @@}
 * line counts, so a removed line that reads {@code "--- x"} stays a removed line and is not taken
 * for the next file's header. Text that is not a diff at all becomes one section of plain lines:
 * the page never fails on what a mail carried. Stateless.
 */
public final class DiffSections {
  private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@");
  private static final Pattern GIT_HEADER = Pattern.compile("^diff --git (?:\"?a/)?(.*?)\"? (?:\"?b/)?(.*?)\"?$");

  private DiffSections() {}

  /** How one line of a diff reads. */
  public enum Kind {
    FILE("meta"), HUNK("hunk"), ADDED("add"), REMOVED("del"), CONTEXT("ctx");

    private final String cssClass;

    Kind(String cssClass) {
      this.cssClass = cssClass;
    }

    /** The class the stylesheet colours this kind of line by. */
    public String cssClass() {
      return cssClass;
    }
  }

  /** One line of a diff, without its line end. */
  public record Line(Kind kind, String text) {}

  /** One file's part of a diff: its path as the diff names it and its lines, counted. */
  public record File(String path, List<Line> lines, int added, int removed) {
    public File {
      lines = List.copyOf(lines);
    }
  }

  /** The sections of {@code diff}; none for a null or empty diff. */
  static List<File> of(String diff) {
    List<File> files = new ArrayList<>();
    if (diff == null || diff.isEmpty()) {
      return files;
    }
    Builder current = null;
    int oldLeft = 0;
    int newLeft = 0;
    String[] lines = diff.split("\n", -1);
    // The diff's last line end ends a line; it opens none.
    int count = diff.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String line = lines[i];
      if (oldLeft > 0 || newLeft > 0) {
        Kind kind = line.startsWith("+") ? Kind.ADDED : line.startsWith("-") ? Kind.REMOVED
            : line.startsWith("\\") ? Kind.FILE : Kind.CONTEXT;
        if (kind != Kind.REMOVED && kind != Kind.FILE) {
          newLeft--;
        }
        if (kind != Kind.ADDED && kind != Kind.FILE) {
          oldLeft--;
        }
        current.add(kind, line);
        continue;
      }
      Matcher hunk = HUNK.matcher(line);
      if (hunk.find() && current != null) {
        oldLeft = hunk.group(1) == null ? 1 : Integer.parseInt(hunk.group(1));
        newLeft = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
        current.add(Kind.HUNK, line);
        continue;
      }
      // Outside a hunk: "diff " always opens a file; other text opens one after a hunk, so
      // "--- a/x" and "+++ b/x" after a "diff --git" header stay in that header's section.
      if (current == null || current.sawHunk || line.startsWith("diff ")) {
        if (current != null) {
          files.add(current.build());
        }
        current = new Builder(pathOf(line));
      }
      if (line.startsWith("+++ ") && current.path.isEmpty()) {
        current.path = strip(line.substring(4), "b/");
      } else if (line.startsWith("--- ") && current.path.isEmpty() && !line.startsWith("--- /dev/null")) {
        current.path = strip(line.substring(4), "a/");
      }
      current.add(Kind.FILE, line);
    }
    files.add(current.build());
    return files;
  }

  private static String pathOf(String line) {
    Matcher git = GIT_HEADER.matcher(line);
    if (git.matches()) {
      return git.group(2);
    }
    return "";
  }

  private static String strip(String name, String prefix) {
    int tab = name.indexOf('\t');
    String path = tab < 0 ? name : name.substring(0, tab);
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  private static final class Builder {
    private String path;
    private final List<Line> lines = new ArrayList<>();
    private int added;
    private int removed;
    private boolean sawHunk;

    Builder(String path) {
      this.path = path;
    }

    void add(Kind kind, String text) {
      lines.add(new Line(kind, text));
      switch (kind) {
        case ADDED -> added++;
        case REMOVED -> removed++;
        case HUNK -> sawHunk = true;
        default -> { }
      }
    }

    File build() {
      return new File(path.isEmpty() ? "(diff)" : path, lines, added, removed);
    }
  }
}
