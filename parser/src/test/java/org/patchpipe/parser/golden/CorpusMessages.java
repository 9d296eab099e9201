package org.patchpipe.parser.golden;

import java.nio.file.Path;
import java.util.List;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.MboxSplitter;

/**
 * The corpus as the golden tests feed it to the parser: the shared {@link MboxSplitter}'s
 * messages as {@link RawMessage}s, or a whole file as one message (as the oracle read it).
 */
final class CorpusMessages {
  private CorpusMessages() {}

  /** A gzip'd public-inbox mboxrd archive, split by {@link MboxSplitter#mboxrd}. */
  static List<RawMessage> mboxrdGzip(Path file) {
    return Corpus.mboxrd(file).stream().map(RawMessage::of).toList();
  }

  /** An mbox read as Python's {@code mailbox.mbox} does ({@link MboxSplitter#pythonMbox}). */
  static List<RawMessage> pythonMbox(Path file) {
    return Corpus.pythonMbox(file).stream().map(RawMessage::of).toList();
  }

  /** A whole file as one message ({@link Corpus#wholeFile}). */
  static RawMessage wholeFile(Path file, String extraHeader) {
    return RawMessage.of(Corpus.wholeFile(file, extraHeader));
  }
}
