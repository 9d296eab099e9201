/**
 * Patchwork's events pushed out (issue 14, items 3 and 4). Webhooks: every event POSTed to the
 * registered receivers as the API's event JSON, signed per the Standard Webhooks spec, queued and
 * retried through the database so delivery is at least once across restarts and kill -9, in order
 * per patch, one worker per receiver so a slow or down receiver holds up no other and never the
 * ingest. The events topic: the same JSON on Kafka ({@link
 * org.patchpipe.store.webhook.EventTopicPublisher}).
 */
package org.patchpipe.store.webhook;
