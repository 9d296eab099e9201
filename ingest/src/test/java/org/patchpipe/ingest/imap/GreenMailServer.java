package org.patchpipe.ingest.imap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import jakarta.mail.Store;

/** GreenMail's IMAP server, in this JVM, on a free loopback port. It supports IDLE. */
final class GreenMailServer extends TestImapServer {
  private final GreenMail greenMail;

  GreenMailServer() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
    greenMail.start();
    greenMail.setUser(USER + "@localhost", USER, PASSWORD);
  }

  @Override
  int port() {
    return greenMail.getImap().getPort();
  }

  @Override
  String name() {
    return "GreenMail";
  }

  /**
   * Appends straight into GreenMail's store: its IMAP APPEND takes about 50 ms a message, too slow
   * for the thousand-message tests. IDLE sessions are told of the new mail all the same.
   */
  @Override
  void append(String folder, List<byte[]> mails) throws MessagingException {
    GreenMailUser user = greenMail.getUserManager().getUser(USER);
    MailFolder target;
    try {
      target = greenMail.getManagers().getImapHostManager().getFolder(user, folder, true);
    } catch (com.icegreen.greenmail.store.FolderException e) {
      throw new MessagingException("no folder " + folder, e);
    }
    Session session = Session.getInstance(new Properties());
    for (byte[] mail : mails) {
      target.appendMessage(new MimeMessage(session, new ByteArrayInputStream(mail)), new Flags(), new Date());
    }
  }

  /** GreenMail keeps mail in memory only: {@link #restart()} starts from nothing. */
  @Override
  boolean keepsMailAcrossRestart() {
    return false;
  }

  @Override
  void restart() {
    greenMail.stop();
    greenMail.start();
  }

  /**
   * GreenMail 2.1 fails to DELETE a folder once a closed session had it selected (it notifies the
   * dead session and trips over it): move the folder aside with RENAME and create a new one.
   */
  @Override
  long recreateFolder(String folder) throws Exception {
    long before = uidValidity(folder);
    for (int attempt = 0; attempt < 40; attempt++) {
      try (Store store = connect()) {
        store.getFolder(folder).renameTo(store.getFolder(folder + "-old-" + System.nanoTime()));
        store.getFolder(folder).create(Folder.HOLDS_MESSAGES);
      }
      long after = uidValidity(folder);
      if (after != before) return after;
      Thread.sleep(100);
    }
    throw new AssertionError("GreenMail kept UIDVALIDITY " + before);
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
