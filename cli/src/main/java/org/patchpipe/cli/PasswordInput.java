package org.patchpipe.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where {@code patchpipe user password} reads a new password from, never the command line (which
 * every user of the machine can read in the process list): a terminal (asked twice, not echoed),
 * standard input when it is a pipe or a file (its first line), or {@code --password-file} (its first
 * line). The line ending is not part of the password; an empty password is refused.
 */
final class PasswordInput {
  private PasswordInput() {}

  /** From {@code file} if given, else from the terminal if there is one, else from {@code stdin}. */
  static String read(Path file, Console console, InputStream stdin) {
    if (file != null) {
      try {
        return nonEmpty(firstLine(Files.newInputStream(file)), "the first line of " + file);
      } catch (NoSuchFileException e) {
        throw new UserError("no password file " + file);
      } catch (IOException e) {
        throw new UserError("cannot read the password file " + file + ": " + e.getMessage(), e);
      }
    }
    if (console != null) {
      char[] first = console.readPassword("New password: ");
      char[] again = console.readPassword("New password (again): ");
      try {
        if (first == null || again == null || !Arrays.equals(first, again)) {
          throw new UserError("the two passwords differ: nothing changed");
        }
        return nonEmpty(new String(first), "the password");
      } finally {
        wipe(first);
        wipe(again);
      }
    }
    try {
      return nonEmpty(firstLine(stdin), "standard input");
    } catch (IOException e) {
      throw new UserError("cannot read the password from standard input: " + e.getMessage(), e);
    }
  }

  private static String firstLine(InputStream in) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      return line == null ? "" : line;
    }
  }

  private static String nonEmpty(String password, String where) {
    if (password.isEmpty()) {
      throw new UserError(where + " is empty: give a password (an empty one would let anyone in)");
    }
    return password;
  }

  private static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
