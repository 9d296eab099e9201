package org.patchpipe.ingest.imap;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * A real IMAP server started by a test (GreenMail in-process, or Dovecot as a child process), with
 * one user, and the few operations tests need done through plain IMAP: create a folder, APPEND
 * mail, recreate a folder (a new UIDVALIDITY), restart the server.
 */
abstract class TestImapServer implements AutoCloseable {
  static final String USER = "bot";
  static final String PASSWORD = "s3cret";

  /** The port the server listens on now (it may change across {@link #restart()}). */
  abstract int port();

  abstract String name();

  /** Stops the server and starts it again, keeping its mail. */
  abstract void restart() throws Exception;

  /** False for a server that forgets its mail and users when restarted. */
  boolean keepsMailAcrossRestart() {
    return true;
  }

  /** The server's account, reached directly (not through a proxy). */
  ImapServer account() {
    return new ImapServer(false, "127.0.0.1", port(), USER, PASSWORD);
  }

  void createFolder(String folder) throws MessagingException {
    try (Store store = connect()) {
      Folder f = store.getFolder(folder);
      if (!f.exists()) f.create(Folder.HOLDS_MESSAGES);
    }
  }

  /** APPENDs each mail, in order, over one connection. */
  void append(String folder, List<byte[]> mails) throws MessagingException {
    try (Store store = connect()) {
      Session session = Session.getInstance(new Properties());
      Folder f = store.getFolder(folder);
      Message[] messages = new Message[mails.size()];
      for (int i = 0; i < mails.size(); i++) {
        messages[i] = new MimeMessage(session, new ByteArrayInputStream(mails.get(i)));
      }
      for (int from = 0; from < messages.length; from += 200) {
        Message[] chunk = java.util.Arrays.copyOfRange(messages, from, Math.min(messages.length, from + 200));
        f.appendMessages(chunk);
      }
    }
  }

  void append(String folder, byte[] mail) throws MessagingException {
    append(folder, List.of(mail));
  }

  /** Deletes and creates {@code folder} until the server gives it a new UIDVALIDITY. */
  long recreateFolder(String folder) throws Exception {
    long before = uidValidity(folder);
    for (int attempt = 0; attempt < 20; attempt++) {
      try (Store store = connect()) {
        Folder f = store.getFolder(folder);
        if (f.exists()) f.delete(false);
        f.create(Folder.HOLDS_MESSAGES);
      }
      long after = uidValidity(folder);
      if (after != before) return after;
      Thread.sleep(100);
    }
    throw new AssertionError(name() + " kept UIDVALIDITY " + before + " for a recreated folder");
  }

  long uidValidity(String folder) throws MessagingException {
    try (Store store = connect()) {
      IMAPFolder f = (IMAPFolder) store.getFolder(folder);
      return f.getUIDValidity();
    }
  }

  Store connect() throws MessagingException {
    Properties props = new Properties();
    props.setProperty("mail.imap.connectiontimeout", "5000");
    props.setProperty("mail.imap.timeout", "10000");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", port(), USER, PASSWORD);
    return store;
  }
}
