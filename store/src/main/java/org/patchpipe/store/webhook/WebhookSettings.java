package org.patchpipe.store.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher runs. Immutable.
 *
 * @param baseUrl the API's base URL ({@code http://host:port}) the events' links point at
 * @param eventPoll how often a worker looks for new events and due retries
 * @param webhookPoll how often the webhooks are read again, so one added while running starts
 * @param gapWait how long a hole in the event ids is waited for before it is passed: an event
 *     whose transaction has not committed yet has its id already
 * @param connectTimeout connecting to a receiver
 * @param requestTimeout one request, answer included
 * @param retry when failed deliveries are tried again
 */
public record WebhookSettings(String baseUrl, Duration eventPoll, Duration webhookPoll, Duration gapWait,
    Duration connectTimeout, Duration requestTimeout, RetrySchedule retry) {
  public WebhookSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** The defaults for the events of an API at {@code baseUrl}. */
  public static WebhookSettings of(String baseUrl) {
    return new WebhookSettings(baseUrl, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10),
        Duration.ofSeconds(5), Duration.ofSeconds(10), RetrySchedule.standard());
  }

  public WebhookSettings withRetry(RetrySchedule schedule) {
    return new WebhookSettings(baseUrl, eventPoll, webhookPoll, gapWait, connectTimeout, requestTimeout, schedule);
  }

  public WebhookSettings withTimeouts(Duration connect, Duration request) {
    return new WebhookSettings(baseUrl, eventPoll, webhookPoll, gapWait, connect, request, retry);
  }

  public WebhookSettings withPolls(Duration events, Duration webhooks, Duration gap) {
    return new WebhookSettings(baseUrl, events, webhooks, gap, connectTimeout, requestTimeout, retry);
  }
}
