/**
 * Webhooks (issue 14, item 3): every Patchwork event pushed to registered receivers as the API's
 * event JSON, signed per the Standard Webhooks spec, queued and retried through the database so
 * delivery is at least once across restarts and kill -9, in order per patch, one worker per
 * receiver so a slow or down receiver holds up no other and never the ingest.
 */
package org.patchpipe.store.webhook;
