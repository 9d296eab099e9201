package org.patchpipe.parser.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds one header value into lines of at most 78 columns the way CPython 3.11's
 * {@code email.header._ValueFormatter} and {@code _Accumulator} do (R12.2): ASCII text breaks at
 * the last {@code ;}, else {@code ,}, else space, else tab before the overflow, encoded words are
 * filled greedily and continue on TAB-indented lines. One per header; not thread-safe.
 */
final class HeaderFolder {
  /** {@code Header.encode}'s default split characters, in order of preference. */
  static final String SPLIT_CHARS = ";, \t";

  private final int maxLen;
  private final String continuationWs;
  /** Finished lines but the last, which stays open in {@link #lastLine} for appending. */
  private final List<String> lines = new ArrayList<>();
  private StringBuilder lastLine;
  private final Accumulator current;

  HeaderFolder(int headerLen, int maxLen, String continuationWs) {
    this.maxLen = maxLen;
    this.continuationWs = continuationWs;
    this.current = new Accumulator(headerLen);
  }

  /** {@code _ValueFormatter._str}: flushes the current line and joins all lines. */
  String result(String lineSeparator) {
    newline();
    if (lastLine != null) {
      lines.add(lastLine.toString());
      lastLine = null;
    }
    return String.join(lineSeparator, lines);
  }

  /** {@code self._lines.append(line)}. */
  private void addLine(String line) {
    if (lastLine != null) {
      lines.add(lastLine.toString());
    }
    lastLine = new StringBuilder(line);
  }

  void newline() {
    Accumulator.Piece end = current.pop();
    if (!(end.fws().equals(" ") && end.part().isEmpty())) {
      current.push(end.fws(), end.part());
    }
    if (current.length() > 0) {
      if (current.isOnlyWhitespace() && lastLine != null) {
        // A StringBuilder, so that many whitespace-only lines in a row stay linear.
        current.appendTo(lastLine);
      } else {
        addLine(current.toString());
      }
    }
    current.reset(List.of());
  }

  /** Marks a chunk boundary: a space that {@link #newline()} drops if the line ends there. */
  void addTransition() {
    current.push(" ", "");
  }

  void feed(String fws, String text, EmailCharset charset) {
    if (charset.headerEncoding() == EmailCharset.Encoding.NONE) {
      asciiSplit(fws, text);
      return;
    }
    int[] calls = {0};
    List<String> encoded = charset.headerEncodeLines(text, () -> calls[0]++ == 0
        ? maxLen - current.length() : maxLen - continuationWs.length());
    String first = encoded.remove(0);
    if (first != null) {
      appendChunk(fws, first);
    }
    if (encoded.isEmpty()) {
      return;
    }
    String last = encoded.remove(encoded.size() - 1);
    newline();
    current.push(continuationWs, last);
    for (String line : encoded) {
      addLine(continuationWs + line);
    }
  }

  /** {@link #feed} for a charset without header encoding, with {@code fws + text} given joined. */
  void feedPlain(String s) {
    asciiSplit(s);
  }

  /**
   * {@link #feedPlain} then {@link #newline()} for a line that fits where it starts, without
   * splitting it into pieces: nothing overflows, so only newline()'s quirks apply (a final run of
   * exactly one space is dropped, a whitespace-only line is glued to the line before).
   */
  void addFittingLine(String line) {
    if (current.pieceCount() != 0 || current.length() + line.length() > maxLen) {
      feedPlain(line);
      newline();
      return;
    }
    int end = line.length();
    int ws = end;
    while (ws > 0 && isFoldingSpace(line.charAt(ws - 1))) {
      ws--;
    }
    if (end - ws == 1 && line.charAt(ws) == ' ') {
      end--;
    }
    if (current.initialSize() + end > 0) {
      if (current.initialSize() == 0 && lastLine != null && allSpace(line, end)) {
        lastLine.append(line, 0, end);
      } else {
        addLine(line.substring(0, end));
      }
    }
    current.reset(List.of());
  }

  private static boolean allSpace(String s, int end) {
    for (int i = 0; i < end; i++) {
      if (!PythonText.isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code re.split('([ \t]+)', fws + text)} taken as (whitespace, word) pairs. */
  private void asciiSplit(String fws, String text) {
    asciiSplit(fws.isEmpty() ? text : fws + text);
  }

  private void asciiSplit(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      int wsStart = i;
      while (i < n && isFoldingSpace(s.charAt(i))) {
        i++;
      }
      int wordStart = i;
      while (i < n && !isFoldingSpace(s.charAt(i))) {
        i++;
      }
      String ws = wordStart - wsStart != 1 ? s.substring(wsStart, wordStart)
          : s.charAt(wsStart) == ' ' ? " " : "\t";
      appendChunk(ws, s.substring(wordStart, i));
    }
  }

  private void appendChunk(String fws, String text) {
    current.push(fws, text);
    if (current.length() <= maxLen) {
      return;
    }
    int splitAt = findSplit();
    if (splitAt < 0) {
      Accumulator.Piece piece = current.pop();
      String ws = piece.fws();
      if (current.initialSize() > 0) {
        // The header name is on this line: leave it alone there and start afresh.
        newline();
        if (ws.isEmpty()) {
          ws = " ";
        }
      }
      current.push(ws, piece.part());
      return;
    }
    List<Accumulator.Piece> remainder = current.popFrom(splitAt);
    addLine(current.toString());
    current.reset(remainder);
  }

  /** The last piece index preceded by the most preferred split character, or -1. */
  private int findSplit() {
    for (int k = 0; k < SPLIT_CHARS.length(); k++) {
      char ch = SPLIT_CHARS.charAt(k);
      boolean space = ch == ' ' || ch == '\t';
      for (int i = current.pieceCount() - 1; i > 0; i--) {
        if (space) {
          String fws = current.piece(i).fws();
          if (!fws.isEmpty() && fws.charAt(0) == ch) {
            return i;
          }
        }
        String previous = current.piece(i - 1).part();
        if (!previous.isEmpty() && previous.charAt(previous.length() - 1) == ch) {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean isFoldingSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** {@code email.header._Accumulator}: the pieces of the line being built and its length. */
  private static final class Accumulator {
    record Piece(String fws, String part) {}

    private static final Piece NOTHING = new Piece("", "");

    private final List<Piece> pieces = new ArrayList<>();
    private int initialSize;
    private int length;

    Accumulator(int initialSize) {
      this.initialSize = initialSize;
      this.length = initialSize;
    }

    void push(String fws, String part) {
      pieces.add(new Piece(fws, part));
      length += fws.length() + part.length();
    }

    Piece pop() {
      if (pieces.isEmpty()) {
        return NOTHING;
      }
      Piece piece = pieces.remove(pieces.size() - 1);
      length -= piece.fws().length() + piece.part().length();
      return piece;
    }

    List<Piece> popFrom(int index) {
      List<Piece> tail = new ArrayList<>(pieces.subList(index, pieces.size()));
      for (Piece piece : tail) {
        length -= piece.fws().length() + piece.part().length();
      }
      pieces.subList(index, pieces.size()).clear();
      return tail;
    }

    void reset(List<Piece> start) {
      pieces.clear();
      initialSize = 0;
      length = 0;
      for (Piece piece : start) {
        push(piece.fws(), piece.part());
      }
    }

    int length() {
      return length;
    }

    int initialSize() {
      return initialSize;
    }

    int pieceCount() {
      return pieces.size();
    }

    Piece piece(int index) {
      return pieces.get(index);
    }

    boolean isOnlyWhitespace() {
      if (initialSize != 0) {
        return false;
      }
      if (pieces.isEmpty()) {
        return true;
      }
      // str(self).isspace(): true only for a non-empty all-whitespace line.
      int chars = 0;
      for (Piece piece : pieces) {
        if (!allSpace(piece.fws()) || !allSpace(piece.part())) {
          return false;
        }
        chars += piece.fws().length() + piece.part().length();
      }
      return chars > 0;
    }

    private static boolean allSpace(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (!PythonText.isSpace(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    void appendTo(StringBuilder out) {
      for (Piece piece : pieces) {
        out.append(piece.fws()).append(piece.part());
      }
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(length);
      appendTo(out);
      return out.toString();
    }
  }
}
