package org.patchpipe.ingest.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A throwaway Dovecot IMAP server ({@code dovecot -F -c CONFIG}) as a child process, for the IMAP
 * tests and {@code patchpipe bench imap}: plain IMAP on a random loopback port, one passwd-file
 * user, Maildir, everything under one directory. As root, Dovecot's login processes run as
 * {@code dovenull} and its internal and mail processes as {@code dovecot}, which then owns the
 * Maildir (Dovecot refuses root for all of them); otherwise everything runs as the current user.
 *
 * <pre>{@code
 * try (DovecotProcess dovecot = DovecotProcess.start(dir, "bot", "secret", true)) {
 *   ImapServer account = dovecot.account();
 * }
 * }</pre>
 *
 * <p>Not thread-safe. Fails with {@link IOException} when Dovecot is missing or does not start,
 * with its log in the message.
 */
public final class DovecotProcess implements AutoCloseable {
  private final Path dir;
  private final Path config;
  private final Path mail;
  private final int port;
  private final String user;
  private final String password;
  private final String mailUser;
  private final boolean root;
  private Process process;

  private DovecotProcess(Path dir, Path config, Path mail, int port, String user, String password, String mailUser, boolean root) {
    this.dir = dir;
    this.config = config;
    this.mail = mail;
    this.port = port;
    this.user = user;
    this.password = password;
    this.mailUser = mailUser;
    this.root = root;
  }

  /** The {@code dovecot} binary, if it is installed ({@code apt-get install dovecot-imapd}). */
  public static Optional<Path> binary() {
    return Stream.of("/usr/sbin/dovecot", "/usr/local/sbin/dovecot", "/usr/bin/dovecot")
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Writes a configuration under {@code dir} and starts Dovecot on a free loopback port.
   *
   * @param idle false to leave IDLE out of the advertised capabilities (clients must poll)
   */
  public static DovecotProcess start(Path dir, String user, String password, boolean idle) throws IOException, InterruptedException {
    if (binary().isEmpty()) throw new IOException("dovecot is not installed: apt-get install -y dovecot-imapd");
    Path abs = dir.toAbsolutePath();
    String me = System.getProperty("user.name");
    boolean root = "root".equals(me);
    String mailUser = root ? "dovecot" : me;
    Path mail = Files.createDirectories(abs.resolve("mail"));
    for (String sub : List.of("run", "state", "home")) Files.createDirectories(abs.resolve(sub));
    if (root) {
      // The mail process runs as 'dovecot': it must reach the directory and own the Maildir.
      Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
      for (Path p = abs; p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      chown(mail, mailUser);
      chown(abs.resolve("home"), mailUser);
    }
    Files.writeString(abs.resolve("passwd"), user + ":{PLAIN}" + password + "\n");
    int port = freePort();
    String conf =
        "base_dir = " + abs.resolve("run") + "\n"
            + "state_dir = " + abs.resolve("state") + "\n"
            + "log_path = " + abs.resolve("dovecot.log") + "\n"
            + "protocols = imap\n"
            + "listen = 127.0.0.1\n"
            + "ssl = no\n"
            + "disable_plaintext_auth = no\n"
            + "auth_mechanisms = plain login\n"
            + "mail_location = maildir:" + mail + "/%u\n"
            + "default_internal_user = " + (root ? "dovecot" : me) + "\n"
            + "default_internal_group = " + (root ? "dovecot" : me) + "\n"
            + "default_login_user = " + (root ? "dovenull" : me) + "\n"
            + "first_valid_uid = 1\n"
            + (idle ? "" : "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS\n")
            + "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " + abs.resolve("passwd") + "\n}\n"
            + "userdb {\n  driver = static\n  args = uid=" + mailUser + " gid=" + mailUser + " home=" + abs.resolve("home") + "/%u\n}\n"
            + "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " + port + "\n  }\n"
            + "  inet_listener imaps {\n    port = 0\n  }\n}\n";
    Path config = abs.resolve("dovecot.conf");
    Files.writeString(config, conf);
    DovecotProcess dovecot = new DovecotProcess(abs, config, mail, port, user, password, mailUser, root);
    dovecot.startProcess();
    return dovecot;
  }

  /** The user's account on this server (plain IMAP on 127.0.0.1). */
  public ImapServer account() {
    return new ImapServer(false, "127.0.0.1", port, user, password);
  }

  public int port() {
    return port;
  }

  /**
   * Writes {@code mails} straight into {@code folder}'s Maildir ({@code cur/}), creating the
   * folder: much faster than APPEND for large test folders. Dovecot assigns UIDs in file-name
   * order the next time the folder is opened.
   */
  public void writeMaildir(String folder, List<byte[]> mails) throws IOException {
    Path box = mail.resolve(user).resolve("." + folder);
    Path userDir = mail.resolve(user);
    for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(box.resolve(sub));
    long base = System.currentTimeMillis() / 1000;
    for (int i = 0; i < mails.size(); i++) {
      Files.write(box.resolve("cur").resolve(String.format("%d.M%09dP1.patchpipe:2,", base, i)), mails.get(i));
    }
    if (root) {
      try (Stream<Path> all = Files.walk(userDir)) {
        for (Path p : (Iterable<Path>) all::iterator) chown(p, mailUser);
      }
    }
  }

  /** Stops Dovecot, dropping every client as a real restart does, and starts it again. */
  public void restart() throws IOException, InterruptedException {
    stop();
    startProcess();
  }

  private void startProcess() throws IOException, InterruptedException {
    waitUntilPortFree();
    process =
        new ProcessBuilder(binary().orElseThrow().toString(), "-F", "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dovecot.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IOException("dovecot exited: " + log());
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(2000);
        byte[] greeting = s.getInputStream().readNBytes(4);
        if (new String(greeting, StandardCharsets.US_ASCII).equals("* OK")) return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("dovecot did not answer on port " + port + ": " + log());
  }

  private void stop() throws InterruptedException {
    if (process == null) return;
    // Children are listed first: once the master is gone they are no longer its descendants.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    for (ProcessHandle child : children) child.destroy();
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        child.destroyForcibly();
      }
    }
    process = null;
  }

  private void waitUntilPortFree() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return;
      } catch (IOException busy) {
        if (System.nanoTime() > deadline) throw busy;
        Thread.sleep(50);
      }
    }
  }

  private String log() {
    try {
      Path log = dir.resolve("dovecot.log");
      Path out = dir.resolve("dovecot.out");
      return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void chown(Path p, String name) throws IOException {
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(p, users.lookupPrincipalByName(name));
    Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(users.lookupPrincipalByGroupName(name));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops Dovecot and its children. */
  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
