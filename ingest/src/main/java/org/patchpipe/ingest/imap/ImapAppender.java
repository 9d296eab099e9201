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

/**
 * Puts mail into an IMAP folder over one connection (CREATE, APPEND): what a list server's
 * delivery does, for benchmarks and tests. Not thread-safe; failures are {@link ImapException}s.
 *
 * <pre>{@code
 * try (ImapAppender appender = ImapAppender.open(account)) {
 *   appender.append("lists.test", List.of(rawMail));
 * }
 * }</pre>
 */
public final class ImapAppender implements AutoCloseable {
  private final Store store;
  private final Session session = Session.getInstance(new Properties());

  private ImapAppender(Store store) {
    this.store = store;
  }

  /** Connects and logs in. */
  public static ImapAppender open(ImapServer server) throws ImapException {
    try {
      Store store = Session.getInstance(new Properties()).getStore(server.scheme());
      store.connect(server.host(), server.port(), server.user(), server.password());
      return new ImapAppender(store);
    } catch (MessagingException e) {
      throw new ImapException("cannot log in to " + server.describe() + ": " + e.getMessage(), true, e);
    }
  }

  /** Creates {@code folder} unless it exists. */
  public void createFolder(String folder) throws ImapException {
    try {
      Folder f = store.getFolder(folder);
      if (!f.exists()) f.create(Folder.HOLDS_MESSAGES);
    } catch (MessagingException e) {
      throw new ImapException("cannot create " + folder + ": " + e.getMessage(), true, e);
    }
  }

  /** APPENDs each mail to {@code folder}, in order; returns when the server has acknowledged all. */
  public void append(String folder, List<byte[]> mails) throws ImapException {
    try {
      Message[] messages = new Message[mails.size()];
      for (int i = 0; i < messages.length; i++) {
        messages[i] = new MimeMessage(session, new ByteArrayInputStream(mails.get(i)));
      }
      store.getFolder(folder).appendMessages(messages);
    } catch (MessagingException e) {
      throw new ImapException("cannot append to " + folder + ": " + e.getMessage(), true, e);
    }
  }

  /** Logs out; never throws. */
  @Override
  public void close() {
    try {
      store.close();
    } catch (MessagingException e) {
      // The connection is gone either way.
    }
  }
}
