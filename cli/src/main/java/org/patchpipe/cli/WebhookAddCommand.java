package org.patchpipe.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.patchpipe.store.db.EventLog;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.runtime.StoreRuntime;
import org.patchpipe.store.webhook.WebhookSecret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchpipe webhook add}: registers a receiver. The secret comes from an environment
 * variable or a file, or is generated into a new file readable only by its owner; it is never
 * taken from the command line nor printed.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Register a webhook for every event stored from now on.")
final class WebhookAddCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The receiver, http:// or https://.")
  String url;

  @Option(names = "--secret-env", paramLabel = "VAR",
      description = "Environment variable holding the secret, whsec_<base64> (at least 24 bytes).")
  String secretVariable;

  @Option(names = "--secret-file", paramLabel = "FILE",
      description = "File holding the secret (its first line); with --generate-secret, the new file to write it to.")
  Path secretFile;

  @Option(names = "--generate-secret",
      description = "Generate a random secret into --secret-file (created, owner-only) for the receiver to read.")
  boolean generate;

  @Option(names = "--project", paramLabel = "LINKNAME", description = "Only this project's events (default: all).")
  String project;

  @Option(names = "--category", paramLabel = "CATEGORY",
      description = "Only events of this category (repeatable; default: all), e.g. patch-created, check-created.")
  List<String> categories = new ArrayList<>();

  @Override
  public Integer call() throws SQLException {
    checkUrl();
    List<String> known = java.util.Arrays.stream(EventLog.Category.values()).map(EventLog.Category::slug).toList();
    for (String c : categories) {
      if (!known.contains(c)) {
        throw new UserError("unknown category " + c + "; one of " + String.join(", ", known));
      }
    }
    WebhookSecret secret = secret();
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      long id = new WebhookRepository(c).add(url, secret.text(), project, List.copyOf(categories));
      spec.commandLine().getOut().println("created webhook " + id + " for " + url
          + (generate ? " (secret written to " + secretFile + ")" : ""));
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private void checkUrl() {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new UserError("--url must be an http:// or https:// URL, not " + url);
      }
    } catch (URISyntaxException e) {
      throw new UserError("--url is not a URL: " + e.getMessage());
    }
  }

  private WebhookSecret secret() {
    int sources = (secretVariable != null ? 1 : 0) + (secretFile != null ? 1 : 0);
    if (sources != 1) {
      throw new UserError("give the secret with exactly one of --secret-env VAR or --secret-file FILE"
          + " (with --generate-secret to create it)");
    }
    try {
      if (generate) {
        if (secretFile == null) {
          throw new UserError("--generate-secret writes the secret to --secret-file FILE");
        }
        return written(WebhookSecret.generate(new SecureRandom()));
      }
      if (secretVariable != null) {
        String value = System.getenv(secretVariable);
        if (value == null || value.isBlank()) {
          throw new UserError("environment variable " + secretVariable + " is empty: export the secret first");
        }
        return WebhookSecret.parse(value);
      }
      List<String> lines = Files.readAllLines(secretFile, StandardCharsets.UTF_8);
      return WebhookSecret.parse(lines.isEmpty() ? "" : lines.get(0));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot read the secret from " + secretFile + ": " + e.getMessage(), e);
    }
  }

  private WebhookSecret written(WebhookSecret secret) throws IOException {
    try {
      Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new UserError(secretFile + " exists: --generate-secret writes a new file only");
    } catch (UnsupportedOperationException e) {
      Files.createFile(secretFile);
    }
    Files.writeString(secretFile, secret.text() + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    return secret;
  }
}
