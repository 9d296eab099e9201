package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client (git-pw, b4, git) for an interop test: in a scratch home, with a fixed
 * committer, the C.UTF-8 locale and the given environment (where tests put tokens, never on the
 * command line), failing the test on a non-zero exit with the client's output. Immutable.
 *
 * @param home the scratch folder used as {@code HOME}
 * @param environment more variables for every command
 */
record InteropCommand(Path home, Map<String, String> environment) {

  /** The executable {@code name} on {@code PATH}, or null. */
  static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs {@code command} in {@code dir}; returns its standard output. */
  String run(Path dir, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("XDG_DATA_HOME", home.resolve("data").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("LC_ALL", "C.UTF-8");
    env.put("GIT_AUTHOR_NAME", "Tester");
    env.put("GIT_AUTHOR_EMAIL", "tester@example.com");
    env.put("GIT_COMMITTER_NAME", "Tester");
    env.put("GIT_COMMITTER_EMAIL", "tester@example.com");
    env.putAll(environment);
    Path err = Files.createTempFile(home, "stderr", ".txt");
    pb.redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String shown = String.join(" ", command);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + shown);
    assertEquals(0, p.exitValue(), shown + "\nstdout: " + out + "\nstderr: " + Files.readString(err));
    return out;
  }

  /** A scratch git repository holding {@code hello.txt} ("hello"), which the fixture's patches apply to. */
  Path helloRepository(String name) throws IOException, InterruptedException {
    Path repo = Files.createDirectory(home.resolve(name));
    run(repo, List.of("git", "init", "-q"));
    Files.writeString(repo.resolve("hello.txt"), "hello\n");
    run(repo, List.of("git", "add", "hello.txt"));
    run(repo, List.of("git", "commit", "-q", "-m", "start"));
    return repo;
  }
}
