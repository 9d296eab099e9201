package org.patchpipe.parser.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.parser.RawMessage;

/** The golden tests' own corpus readers split and un-quote exactly as the oracle README says. */
class CorpusMessagesTest {

  private static String text(RawMessage m) {
    return new String(m.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void mboxrdDropsSeparatorAndClosingBlankLineAndUnquotesOneLevel(@TempDir Path dir) throws IOException {
    String archive =
        "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
            + "Subject: a\n\n>From here\n>>From there\n>not from\n\n"
            + "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
            + "Subject: b\n\nbody\n\n\n";
    Path gz = dir.resolve("a.mbox.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(archive.getBytes(StandardCharsets.UTF_8));
    }
    List<RawMessage> messages = CorpusMessages.mboxrdGzip(gz);
    assertEquals(2, messages.size());
    assertEquals("Subject: a\n\nFrom here\n>From there\n>not from\n", text(messages.get(0)));
    assertEquals("Subject: b\n\nbody\n\n", text(messages.get(1)), "only the one closing blank line goes");
  }

  @Test
  void pythonMailboxKeepsQuotingAndDropsOneBlankLineBeforeTheNextSeparator(@TempDir Path dir) throws IOException {
    Path mbox = dir.resolve("s.mbox");
    Files.writeString(mbox, "From x\nSubject: a\n\n>From q\n\nFrom y\nSubject: b\n\nz\n");
    List<RawMessage> messages = CorpusMessages.pythonMbox(mbox);
    assertEquals(List.of("Subject: a\n\n>From q\n", "Subject: b\n\nz\n"), messages.stream().map(CorpusMessagesTest::text).toList());
  }

  @Test
  void wholeFileAppendsTheInjectedHeaderAfterTheLastHeader(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.mbox");
    Files.writeString(file, "From nobody\nSubject: a\nFrom: b@x.org\n\nbody\n");
    assertEquals("From nobody\nSubject: a\nFrom: b@x.org\nMessage-Id: <m@t>\n\nbody\n",
        text(CorpusMessages.wholeFile(file, "Message-Id: <m@t>")));
  }
}
