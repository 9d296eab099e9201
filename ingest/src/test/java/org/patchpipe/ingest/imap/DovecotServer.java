package org.patchpipe.ingest.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Dovecot ({@code dovecot-imapd}) as a child process ({@code dovecot -F -c CONFIG}) with a
 * throwaway configuration under the test's temp dir: plain IMAP on a random loopback port, a
 * passwd-file user, Maildir. Run as root, Dovecot's login processes run as {@code dovenull}, its
 * internal ones as {@code dovecot} and the mail process as {@code dovecot}, which owns the Maildir:
 * Dovecot refuses root for all three.
 */
final class DovecotServer extends TestImapServer {
  private final Path dir;
  private final Path config;
  private final int port;
  private Process process;

  /** The dovecot binary, if it is installed. */
  static Optional<Path> binary() {
    return Stream.of("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Writes the configuration under {@code dir} and starts Dovecot.
   *
   * @param idle false to leave IDLE out of the advertised capabilities (the polling path)
   */
  DovecotServer(Path dir, boolean idle) throws Exception {
    this.dir = dir.toAbsolutePath();
    this.port = freePort();
    boolean root = "root".equals(System.getProperty("user.name"));
    String me = System.getProperty("user.name");
    String loginUser = root ? "dovenull" : me;
    String internalUser = root ? "dovecot" : me;
    String mailUser = root ? "dovecot" : me;
    Path mail = Files.createDirectories(this.dir.resolve("mail"));
    Files.createDirectories(this.dir.resolve("run"));
    Files.createDirectories(this.dir.resolve("state"));
    Files.createDirectories(this.dir.resolve("home"));
    if (root) {
      // The mail process runs as 'dovecot': it must reach and own the Maildir.
      Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
      for (Path p = this.dir; p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      UserPrincipalLookupService users = this.dir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(mail, users.lookupPrincipalByName(mailUser));
      GroupPrincipal group = users.lookupPrincipalByGroupName(mailUser);
      Files.getFileAttributeView(mail, PosixFileAttributeView.class).setGroup(group);
      Files.setOwner(this.dir.resolve("home"), users.lookupPrincipalByName(mailUser));
    }
    Files.writeString(this.dir.resolve("passwd"), USER + ":{PLAIN}" + PASSWORD + "\n");
    String capability =
        idle ? "" : "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS\n";
    String conf =
        "base_dir = " + this.dir.resolve("run") + "\n"
            + "state_dir = " + this.dir.resolve("state") + "\n"
            + "log_path = " + this.dir.resolve("dovecot.log") + "\n"
            + "protocols = imap\n"
            + "listen = 127.0.0.1\n"
            + "ssl = no\n"
            + "disable_plaintext_auth = no\n"
            + "auth_mechanisms = plain login\n"
            + "mail_location = maildir:" + mail + "/%u\n"
            + "default_internal_user = " + internalUser + "\n"
            + "default_internal_group = " + internalUser + "\n"
            + "default_login_user = " + loginUser + "\n"
            + "first_valid_uid = 1\n"
            + capability
            + "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " + this.dir.resolve("passwd") + "\n}\n"
            + "userdb {\n  driver = static\n  args = uid=" + mailUser + " gid=" + mailUser + " home=" + this.dir.resolve("home") + "/%u\n}\n"
            + "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " + port + "\n  }\n"
            + "  inet_listener imaps {\n    port = 0\n  }\n}\n";
    config = this.dir.resolve("dovecot.conf");
    Files.writeString(config, conf);
    start();
  }

  @Override
  int port() {
    return port;
  }

  @Override
  String name() {
    return "Dovecot";
  }

  @Override
  void restart() throws Exception {
    stop();
    start();
  }

  private void start() throws Exception {
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
        byte[] greeting = new byte[4];
        if (s.getInputStream().readNBytes(greeting, 0, 4) == 4
            && new String(greeting, StandardCharsets.US_ASCII).equals("* OK")) {
          return;
        }
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
    // A restart must drop every client, as a real one does: no imap process may outlive it.
    for (ProcessHandle child : children) child.destroy();
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        child.destroyForcibly();
      }
    }
    process = null;
  }

  private void waitUntilPortFree() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  List<String> logLines() throws IOException {
    return Files.readAllLines(dir.resolve("dovecot.log"));
  }
}
