package org.patchpipe.ingest.imap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImapSettingsTest {
  @Test
  void idleRenewalMustBeShorterThanTheReadTimeout() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60)));
    assertTrue(e.getMessage().contains("ingest.imap.idle.renewal"), e.getMessage());
  }

  @Test
  void badValuesNameTheirKey() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ImapSettings.DEFAULTS.withBatchMessages(0))
        .getMessage().contains("ingest.imap.batch.messages"));
    assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(30)))
        .getMessage().contains("29 minutes"));
  }
}
