package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.ingest.imap.FolderSubscription;
import picocli.CommandLine;

class DaemonCommandTest {
  @TempDir Path temp;

  private static String run(int expectedExit, String... args) {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    assertEquals(expectedExit, cmd.execute(args), err.toString());
    return err.toString();
  }

  @Test
  void passwordInTheUrlIsRefused() {
    String err = run(ExitCodes.USAGE, "daemon", "--imap", "imaps://bot:pw@host/INBOX", "--bootstrap-servers", "x:1");
    assertTrue(err.contains("put no password in the IMAP URL"), err);
  }

  @Test
  void kafkaMustBeNamed() {
    String err = run(ExitCodes.USAGE, "daemon", "--imap", "imaps://bot@host/INBOX");
    assertTrue(err.contains("--bootstrap-servers"), err);
  }

  @Test
  void missingPasswordFileSaysSo() {
    String err = run(ExitCodes.USAGE, "daemon", "--imap", "imaps://bot@host/INBOX",
        "--password-file", temp.resolve("nope").toString(), "--bootstrap-servers", "x:1");
    assertTrue(err.contains("no such password file"), err);
  }

  @Test
  void eachAccountHasItsListIdAndPasswordFile() throws Exception {
    Path pw1 = Files.writeString(temp.resolve("pw1"), "first\nignored\n");
    Path pw2 = Files.writeString(temp.resolve("pw2"), "second\r\n");
    DaemonCommand daemon = new DaemonCommand();
    new CommandLine(daemon).parseArgs(
        "--imap", "imaps://bot@a.example/lists.efi,lists.efi-stable", "--list-id", "efi.example", "--password-file", pw1.toString(),
        "--imap", "imap://bot@b.example:1143/INBOX", "--password-file", pw2.toString(),
        "--bootstrap-servers", "k:9092");
    List<FolderSubscription> folders = daemon.folders();
    assertEquals(3, folders.size());
    assertEquals("imaps://bot@a.example:993/lists.efi", folders.get(0).sourceId());
    assertEquals("efi.example", folders.get(1).listId());
    assertEquals("first", folders.get(1).server().password());
    assertEquals("imap://bot@b.example:1143/INBOX", folders.get(2).sourceId());
    assertEquals("", folders.get(2).listId());
    assertEquals("second", folders.get(2).server().password());
  }

  @Test
  void aFolderNamedTwiceIsRefused() throws Exception {
    Path pw = Files.writeString(temp.resolve("pw"), "x");
    String err = run(ExitCodes.USAGE, "daemon", "--imap", "imaps://bot@host/INBOX,INBOX",
        "--password-file", pw.toString(), "--bootstrap-servers", "x:1");
    assertTrue(err.contains("named twice"), err);
  }
}
