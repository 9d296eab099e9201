package org.patchpipe.ingest.imap;

import java.util.Objects;

/**
 * An IMAP server account: where to connect and as whom. Immutable and thread-safe. The password is
 * held here only so that reconnects can log in again; {@link #toString()} never shows it.
 *
 * @param tls true for {@code imaps} (TLS from the first byte), false for plain {@code imap}
 * @param host the server's host name or address
 * @param port the TCP port (993 and 143 are the defaults of {@link ImapUrl})
 * @param user the login name
 * @param password the password
 */
public record ImapServer(boolean tls, String host, int port, String user, String password) {
  public ImapServer {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (host.isBlank()) throw new IllegalArgumentException("ingest.imap.host must not be blank");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("ingest.imap.port must be 1..65535: " + port);
    }
  }

  /** The URL scheme, {@code imaps} or {@code imap}. */
  public String scheme() {
    return tls ? "imaps" : "imap";
  }

  /** {@code imaps://user@host:port}, without the password: the prefix of each source id. */
  public String describe() {
    return scheme() + "://" + user + "@" + host + ":" + port;
  }

  @Override
  public String toString() {
    return "ImapServer[" + describe() + "]";
  }
}
