package org.patchpipe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchpipe webhook}: register, list and remove webhooks, and show their deliveries. */
@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    description = {
      "Push every Patchwork event to HTTP receivers, signed per Standard Webhooks.",
      "",
      "Each event is POSTed as the JSON /api/1.2/events/ shows it, with the headers",
      "webhook-id (the event's id, the same on every retry), webhook-timestamp and",
      "webhook-signature (v1,<base64 HMAC-SHA256 of \"id.timestamp.body\" under the",
      "whsec_ secret). Failed deliveries are retried with exponential backoff and",
      "jitter for 25 hours, across restarts; each patch's events arrive in order.",
      "",
      "Works on a running 'patchpipe run' or 'patchpipe store' (same --data-dir or",
      "--db), which delivers to a new webhook within seconds, and on a stopped one.",
    },
    subcommands = {WebhookAddCommand.class, WebhookListCommand.class, WebhookRemoveCommand.class,
        WebhookDeliveriesCommand.class},
    footer = {
      "",
      "Example: a CI system receiving project demo's state changes and checks:",
      "  patchpipe webhook add --url https://ci.example.org/hook \\",
      "      --generate-secret --secret-file hook.secret \\",
      "      --project demo --category patch-state-changed --category check-created",
      "  patchpipe webhook add --url https://bot.example.org/pw --secret-env BOT_SECRET",
      "  patchpipe webhook list",
      "  patchpipe webhook deliveries 1",
    })
final class WebhookCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
