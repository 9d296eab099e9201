package org.patchpipe.ingest.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.event.Position.MaildirKey;

class MaildirSourceTest {
  @TempDir Path dir;

  void put(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void maildirReadsCurAndNewInUniqueNameOrderWithoutFlags() throws IOException {
    put("cur/1700000002.M2.host:2,S", "two");
    put("new/1700000001.M1.host", "one");
    put("new/1700000003.M3.host", "three");
    put("tmp/1700000004.M4.host", "in delivery");
    assertEquals(MailSourceKind.MAILDIR, MailSourceKind.detect(dir));
    try (MailSource source = MailSourceKind.open(dir, Optional.empty())) {
      List<SourcedMessage> all = MboxSourceTest.readAll(source);
      assertEquals(List.of("one", "two", "three"), all.stream().map(MboxSourceTest::text).toList());
      assertEquals(new MaildirKey("1700000002.M2.host"), all.get(1).position());
    }
    try (MailSource source =
        MailSourceKind.open(dir, Optional.of(new MaildirKey("1700000002.M2.host")))) {
      assertEquals(List.of("three"), MboxSourceTest.readAll(source).stream().map(MboxSourceTest::text).toList());
    }
  }

  @Test
  void aMessageMovedFromNewToCurIsStillRead() throws IOException {
    put("new/1.M1.host", "one");
    put("new/2.M2.host", "two");
    Files.createDirectories(dir.resolve("cur"));
    try (MailSource source = MailSourceKind.open(dir, Optional.empty())) {
      assertEquals("one", MboxSourceTest.text(source.next().orElseThrow()));
      Files.move(dir.resolve("new/2.M2.host"), dir.resolve("cur/2.M2.host:2,S"));
      assertEquals("two", MboxSourceTest.text(source.next().orElseThrow()));
    }
  }

  @Test
  void folderIsWalkedRecursivelyByRelativePathSkippingHiddenFiles() throws IOException {
    put("b/2.eml", "b2");
    put("a.eml", "a");
    put("b/1.eml", "b1");
    put(".git/config", "hidden");
    assertEquals(MailSourceKind.FOLDER, MailSourceKind.detect(dir));
    try (MailSource source = MailSourceKind.open(dir, Optional.empty())) {
      List<SourcedMessage> all = MboxSourceTest.readAll(source);
      assertEquals(List.of("a", "b1", "b2"), all.stream().map(MboxSourceTest::text).toList());
      assertEquals(new MaildirKey("b/1.eml"), all.get(1).position());
    }
  }

  @Test
  void aSingleFileIsOneMessage() throws IOException {
    put("one.eml", "Subject: hi\n\nbody\n");
    Path file = dir.resolve("one.eml");
    assertEquals(MailSourceKind.FILE, MailSourceKind.detect(file));
    try (MailSource source = MailSourceKind.open(file, Optional.empty())) {
      assertEquals("Subject: hi\n\nbody\n", new String(source.next().orElseThrow().raw().bytes(), UTF_8));
      assertTrue(source.next().isEmpty());
    }
    try (MailSource source = MailSourceKind.open(file, Optional.of(new MaildirKey("one.eml")))) {
      assertTrue(source.next().isEmpty());
    }
  }
}
