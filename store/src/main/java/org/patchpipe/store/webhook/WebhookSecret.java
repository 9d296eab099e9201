package org.patchpipe.store.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks secret, {@code whsec_<base64>}: the base64 part decoded is the HMAC key.
 * {@link #toString()} never shows it. Immutable.
 */
public final class WebhookSecret {
  /** The prefix every secret carries. */
  public static final String PREFIX = "whsec_";
  private static final int GENERATED_BYTES = 32;
  private static final int MIN_BYTES = 24;

  private final String text;
  private final byte[] key;

  private WebhookSecret(String text, byte[] key) {
    this.text = text;
    this.key = key;
  }

  /**
   * Parses {@code whsec_<base64>} (surrounding white space ignored).
   *
   * @throws IllegalArgumentException if the prefix is missing, the rest is not base64 or the key is
   *     shorter than 24 bytes; the message never repeats the secret
   */
  public static WebhookSecret parse(String text) {
    String t = text == null ? "" : text.strip();
    if (!t.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX + " (whsec_<base64>)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(t.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the part of the webhook secret after " + PREFIX + " is not base64");
    }
    if (key.length < MIN_BYTES) {
      throw new IllegalArgumentException("the webhook secret's key is " + key.length + " bytes; at least "
          + MIN_BYTES + " are needed");
    }
    return new WebhookSecret(t, key);
  }

  /** A new random secret of 32 bytes. */
  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[GENERATED_BYTES];
    random.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
  }

  /** The secret as stored and as the receiver is given it. */
  public String text() {
    return text;
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "WebhookSecret[hidden]";
  }
}
