package org.patchpipe.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account the PostgreSQL server runs as. initdb and postgres refuse to run as
 * root, so under root they run as {@code nobody} through {@code setpriv}; the data directory is
 * handed to that account. Where the kernel allows it the server also gets the single capability
 * {@code CAP_DAC_READ_SEARCH}, so that it can reach a data directory below a private parent (such as
 * {@code /root} or a test's temporary directory) without opening that parent to everyone. Not root:
 * the server runs as the current user, directly. Immutable.
 */
final class ServerAccount {
  private static final String UNPRIVILEGED = "nobody";

  private final List<String> prefix;
  private final String user;
  private final String group;

  private ServerAccount(List<String> prefix, String user, String group) {
    this.prefix = List.copyOf(prefix);
    this.user = user;
    this.group = group;
  }

  /** The account for this process: itself, or {@code nobody} when running as root. */
  static ServerAccount forCurrentProcess() {
    if (!isRoot()) {
      return new ServerAccount(List.of(), null, null);
    }
    String group = run(List.of("id", "-gn", UNPRIVILEGED)).strip();
    List<String> base =
        List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + group, "--clear-groups");
    List<String> withCapability = new ArrayList<>(base);
    withCapability.add("--inh-caps=+dac_read_search");
    withCapability.add("--ambient-caps=+dac_read_search");
    List<String> probe = new ArrayList<>(withCapability);
    probe.add("true");
    boolean capabilityAllowed = exitCode(probe) == 0;
    return new ServerAccount(capabilityAllowed ? withCapability : base, UNPRIVILEGED, group);
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** {@code command} prefixed so that it runs as this account. */
  List<String> command(List<String> command) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(command);
    return all;
  }

  /** Makes {@code dir} (and everything in it) belong to this account. */
  void own(Path dir) throws IOException {
    if (user == null) {
      return;
    }
    UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
    var owner = lookup.lookupPrincipalByName(user);
    var ownerGroup = lookup.lookupPrincipalByGroupName(group);
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(p, PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        view.setOwner(owner);
        view.setGroup(ownerGroup);
      }
    }
  }

  @Override
  public String toString() {
    return user == null ? "the current user" : user + " (via setpriv)";
  }

  private static int exitCode(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
