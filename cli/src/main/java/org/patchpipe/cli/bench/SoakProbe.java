package org.patchpipe.cli.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds, read the same way each minute: heap in use right after a full collection
 * (so garbage does not count, only what is reachable), open file descriptors (sockets included)
 * and live threads. The embedded broker runs in this JVM and is measured with it; PostgreSQL and
 * Dovecot are child processes and are not.
 */
final class SoakProbe {
  /** One reading. */
  record Reading(long heapBytes, long fds, int threads) {}

  private SoakProbe() {}

  static Reading read() {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new Reading(heap, openFds(), ManagementFactory.getThreadMXBean().getThreadCount());
  }

  private static long openFds() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix) {
      return unix.getOpenFileDescriptorCount();
    }
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }
}
