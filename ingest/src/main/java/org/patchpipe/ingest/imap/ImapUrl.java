package org.patchpipe.ingest.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code imaps://USER@HOST[:PORT]/FOLDER[,FOLDER...]} (or {@code imap://} for plain
 * text) as the daemon takes it on its command line. The password never appears in the URL; it is
 * supplied separately. Immutable.
 *
 * <pre>{@code
 * ImapUrl url = ImapUrl.parse("imaps://bot@mail.example.org/lists.linux-efi").orElseThrow();
 * ImapServer server = url.server(System.getenv("PATCHPIPE_IMAP_PASSWORD"));
 * }</pre>
 *
 * @param tls true for {@code imaps}
 * @param host host name
 * @param port port, 993 for imaps and 143 for imap when the URL names none
 * @param user login name, percent-decoded
 * @param folders one or more folder names, percent-decoded, in the order given
 */
public record ImapUrl(boolean tls, String host, int port, String user, List<String> folders) {
  public ImapUrl {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    folders = List.copyOf(folders);
    if (folders.isEmpty()) throw new IllegalArgumentException("an IMAP URL names at least one folder");
  }

  /**
   * Parses the URL, or says what is wrong with it.
   *
   * @return the URL, or an error message naming the part to fix
   */
  public static Result parse(String text) {
    String rest;
    boolean tls;
    if (text.startsWith("imaps://")) {
      tls = true;
      rest = text.substring("imaps://".length());
    } else if (text.startsWith("imap://")) {
      tls = false;
      rest = text.substring("imap://".length());
    } else {
      return Result.error("'" + text + "' is not an IMAP URL: write imaps://USER@HOST[:PORT]/FOLDER");
    }
    int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
    if (at <= 0) return Result.error("'" + text + "' names no user: write imaps://USER@HOST/FOLDER");
    String userPart = rest.substring(0, at);
    if (userPart.contains(":")) {
      return Result.error("put no password in the IMAP URL; use PATCHPIPE_IMAP_PASSWORD or --password-file");
    }
    int slash = rest.indexOf('/', at);
    if (slash < 0 || slash == rest.length() - 1) {
      return Result.error("'" + text + "' names no folder: write imaps://USER@HOST/FOLDER[,FOLDER...]");
    }
    String hostPort = rest.substring(at + 1, slash);
    String host = hostPort;
    int port = tls ? 993 : 143;
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        return Result.error("'" + hostPort.substring(colon + 1) + "' is not a port number");
      }
      if (port < 1 || port > 65535) return Result.error("port " + port + " is not in 1..65535");
    }
    if (host.isEmpty()) return Result.error("'" + text + "' names no host");
    List<String> folders = new ArrayList<>();
    for (String f : rest.substring(slash + 1).split(",")) {
      if (!f.isEmpty()) folders.add(decode(f));
    }
    if (folders.isEmpty()) return Result.error("'" + text + "' names no folder");
    return new Result(Optional.of(new ImapUrl(tls, host, port, decode(userPart), folders)), null);
  }

  /** This account with its password. */
  public ImapServer server(String password) {
    return new ImapServer(tls, host, port, user, password);
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The outcome of {@link #parse}: a URL, or an error message.
   *
   * @param url the URL when it parsed
   * @param error what to fix, when it did not
   */
  public record Result(Optional<ImapUrl> url, String error) {
    static Result error(String message) {
      return new Result(Optional.empty(), message);
    }

    /** The URL, or an {@link IllegalArgumentException} carrying the error message. */
    public ImapUrl orElseThrow() {
      return url.orElseThrow(() -> new IllegalArgumentException(error));
    }
  }
}
