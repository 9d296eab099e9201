package org.patchpipe.ingest.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.event.Position;
import org.patchpipe.event.Position.MboxOffset;

class MboxSourceTest {
  @TempDir Path dir;

  static final String MBOXRD =
      "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
          + "Message-ID: <1@x>\n\nbody one\n>From quoted once\n>>From quoted twice\n\n"
          + "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
          + "Message-ID: <2@x>\n\nbody two\n\n";

  static List<SourcedMessage> readAll(MailSource source) throws IOException {
    List<SourcedMessage> all = new ArrayList<>();
    for (Optional<SourcedMessage> m = source.next(); m.isPresent(); m = source.next()) {
      all.add(m.get());
    }
    return all;
  }

  static String text(SourcedMessage m) {
    return new String(m.raw().bytes(), UTF_8);
  }

  Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void mboxrdRemovesOneQuoteAndTheSeparatingBlankLine() throws IOException {
    Path file = write("a.mbox", MBOXRD.getBytes(UTF_8));
    try (MailSource source = MboxSource.open(file, MboxFormat.AUTO, Optional.empty())) {
      List<SourcedMessage> all = readAll(source);
      assertEquals(2, all.size());
      assertEquals(
          "Message-ID: <1@x>\n\nbody one\nFrom quoted once\n>From quoted twice\n", text(all.get(0)));
      assertEquals("Message-ID: <2@x>\n\nbody two\n", text(all.get(1)));
      assertEquals(new MboxOffset(0, 0), all.get(0).position());
      long second = MBOXRD.indexOf("From mboxrd", 1);
      assertEquals(new MboxOffset(second, 1), all.get(1).position());
      assertNull(all.get(0).defect());
      assertEquals(1.0, source.fractionDone());
      assertTrue(source.failure().isEmpty());
    }
  }

  @Test
  void mboxoLeavesQuotedLinesAlone() throws IOException {
    String mbox = MBOXRD.replace("From mboxrd@z", "From someone@example.com");
    Path file = write("o.mbox", mbox.getBytes(UTF_8));
    try (MailSource source = MboxSource.open(file, MboxFormat.AUTO, Optional.empty())) {
      List<SourcedMessage> all = readAll(source);
      assertEquals(
          "Message-ID: <1@x>\n\nbody one\n>From quoted once\n>>From quoted twice\n", text(all.get(0)));
    }
  }

  @Test
  void everyFromLineStartsAMessageEvenWithoutABlankLine() throws IOException {
    String mbox = "From a\nSubject: 1\n\nx\nFrom b\nSubject: 2\n\ny";
    Path file = write("n.mbox", mbox.getBytes(UTF_8));
    try (MailSource source = MboxSource.open(file, MboxFormat.MBOXO, Optional.empty())) {
      List<SourcedMessage> all = readAll(source);
      assertEquals(List.of("Subject: 1\n\nx\n", "Subject: 2\n\ny"), all.stream().map(MboxSourceTest::text).toList());
    }
  }

  @Test
  void gzipIsReadTransparentlyAndResumesAfterAPosition() throws IOException {
    Path file = write("a.mbox.gz", gzip(MBOXRD.getBytes(UTF_8)));
    Position first;
    try (MailSource source = MailSourceKind.open(file, Optional.empty())) {
      assertTrue(source.id().startsWith("mbox:"));
      first = source.next().orElseThrow().position();
    }
    try (MailSource source = MailSourceKind.open(file, Optional.of(first))) {
      List<SourcedMessage> rest = readAll(source);
      assertEquals(1, rest.size());
      assertEquals("Message-ID: <2@x>\n\nbody two\n", text(rest.get(0)));
      assertEquals(1, ((MboxOffset) rest.get(0).position()).index());
    }
  }

  @Test
  void resumingAtAnOffsetThatIsNoMessageFails() throws IOException {
    Path file = write("a.mbox", MBOXRD.getBytes(UTF_8));
    IOException e =
        assertThrows(
            IOException.class,
            () -> MboxSource.open(file, MboxFormat.AUTO, Optional.of(new MboxOffset(7, 0))));
    assertTrue(e.getMessage().contains("file changed"), e.getMessage());
  }

  @Test
  void truncatedGzipEndsWithADefectiveLastMessageAndAFailure() throws IOException {
    StringBuilder big = new StringBuilder(MBOXRD);
    big.append("From mboxrd@z Thu Jan  1 00:00:00 1970\nMessage-ID: <3@x>\n\n");
    for (int i = 0; i < 20000; i++) {
      big.append("line ").append(i).append(" of a long message that gets cut\n");
    }
    byte[] whole = gzip(big.toString().getBytes(UTF_8));
    Path file = write("cut.mbox.gz", Arrays.copyOf(whole, whole.length * 2 / 3));
    try (MailSource source = MailSourceKind.open(file, Optional.empty())) {
      List<SourcedMessage> all = readAll(source);
      assertEquals(3, all.size());
      assertNull(all.get(1).defect());
      assertTrue(all.get(2).defect().startsWith("mbox ends inside this message"), all.get(2).defect());
      assertTrue(text(all.get(2)).startsWith("Message-ID: <3@x>"));
      assertTrue(source.failure().orElseThrow().contains("truncated or corrupt"));
      assertFalse(source.next().isPresent());
    }
  }

  @Test
  void textBeforeTheFirstFromLineIsDeliveredAsADefect() throws IOException {
    Path file = write("j.mbox", ("\n\njunk here\n" + MBOXRD).getBytes(UTF_8));
    try (MailSource source = MboxSource.open(file, MboxFormat.AUTO, Optional.empty())) {
      List<SourcedMessage> all = readAll(source);
      assertEquals(3, all.size());
      assertTrue(all.get(0).defect().contains("before the first 'From '"));
      assertEquals("Message-ID: <2@x>\n\nbody two\n", text(all.get(2)));
    }
  }

  @Test
  void blankPreambleIsIgnoredAndAnEmptyFileHasNoMessages() throws IOException {
    try (MailSource source = MboxSource.open(write("e.mbox", new byte[0]), MboxFormat.AUTO, Optional.empty())) {
      assertTrue(source.next().isEmpty());
    }
    try (MailSource source =
        MboxSource.open(write("b.mbox", ("\n\n" + MBOXRD).getBytes(UTF_8)), MboxFormat.AUTO, Optional.empty())) {
      assertEquals(2, readAll(source).size());
    }
  }

  @Test
  void aLongLineIsKeptWhole() throws IOException {
    String line = "x".repeat(300_000);
    Path file = write("l.mbox", ("From a\nSubject: s\n\n" + line + "\n").getBytes(UTF_8));
    try (MailSource source = MboxSource.open(file, MboxFormat.AUTO, Optional.empty())) {
      assertEquals("Subject: s\n\n" + line + "\n", text(source.next().orElseThrow()));
    }
  }
}
