package org.patchpipe.ingest.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImapUrlTest {
  @Test
  void imapsWithDefaultPortAndSeveralFolders() {
    ImapUrl url = ImapUrl.parse("imaps://bot@mail.example.org/lists.linux-efi,lists.openrisc").orElseThrow();
    assertTrue(url.tls());
    assertEquals("mail.example.org", url.host());
    assertEquals(993, url.port());
    assertEquals("bot", url.user());
    assertEquals(List.of("lists.linux-efi", "lists.openrisc"), url.folders());
    assertEquals("imaps://bot@mail.example.org:993", url.server("pw").describe());
  }

  @Test
  void plainImapWithPortAndEncodedUserAndFolder() {
    ImapUrl url = ImapUrl.parse("imap://bot%40example.org@127.0.0.1:1143/Lists%2FEFI").orElseThrow();
    assertFalse(url.tls());
    assertEquals(1143, url.port());
    assertEquals("bot@example.org", url.user());
    assertEquals(List.of("Lists/EFI"), url.folders());
  }

  @Test
  void passwordInUrlIsRefusedWithAdvice() {
    ImapUrl.Result r = ImapUrl.parse("imaps://bot:secret@host/INBOX");
    assertTrue(r.url().isEmpty());
    assertTrue(r.error().contains("PATCHPIPE_IMAP_PASSWORD"), r.error());
  }

  @Test
  void missingPartsAreNamed() {
    assertTrue(ImapUrl.parse("https://host/INBOX").error().contains("not an IMAP URL"));
    assertTrue(ImapUrl.parse("imaps://host/INBOX").error().contains("no user"));
    assertTrue(ImapUrl.parse("imaps://bot@host").error().contains("no folder"));
    assertTrue(ImapUrl.parse("imaps://bot@host:99999/INBOX").error().contains("port"));
    assertTrue(ImapUrl.parse("imaps://bot@host:x/INBOX").error().contains("not a port"));
  }

  @Test
  void serverToStringHidesThePassword() {
    ImapServer server = ImapUrl.parse("imap://bot@host/INBOX").orElseThrow().server("hunter2");
    assertFalse(server.toString().contains("hunter2"));
  }
}
