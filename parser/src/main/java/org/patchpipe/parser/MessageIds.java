package org.patchpipe.parser;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.patchpipe.parser.mail.HeaderCleaner;
import org.patchpipe.parser.mail.MailHeaders;
import org.patchpipe.parser.mail.PythonText;

/**
 * The one reading of a mail's Message-ID (R1.1): {@code CH(Message-Id)}, its first {@code <...>}
 * (else the cleaned value as is), cut to 255 characters; and, for mail without a usable one, the
 * synthetic {@code <SHA1-of-its-bytes@patchpipe.invalid>} the parser gives it. {@link MailParser}
 * uses it, and so does everything that keys or recognises mail before or without parsing it (the
 * raw topic's keys, an IMAP re-scan), so that one mail always has one id, encoded, over-long or
 * missing as its header may be.
 *
 * <pre>{@code
 * String key = MessageIds.of(raw);                  // what the parser's msgid() will be
 * Optional<String> header = MessageIds.find(raw);   // empty where the mail has none usable
 * }</pre>
 *
 * <p>Reads only the header block (under {@link ParserLimits#DEFAULT}); hashes the whole mail only
 * where it has no usable Message-ID. Stateless and thread-safe; never throws for bad mail.
 */
public final class MessageIds {
  /** The domain of synthetic Message-IDs; {@code .invalid} can never clash with a real one. */
  public static final String SYNTHETIC_DOMAIN = "patchpipe.invalid";

  private static final String HEADER = "Message-Id";
  private static final int MAX_LENGTH = 255;

  private MessageIds() {}

  /** The Message-ID as the parser reads it (R1.1), or empty where it is missing, empty or undecodable. */
  public static Optional<String> find(RawMessage raw) {
    return Optional.ofNullable(of(HeaderBlock.of(raw, HEADER)));
  }

  /** R1.1 of the header block of {@code bytes} under {@code limits}, or null. */
  static String find(byte[] bytes, ParserLimits limits) {
    return of(HeaderBlock.of(bytes, limits, HEADER));
  }

  /** The Message-ID the parser gives {@code raw}: R1.1, else the synthetic one of its bytes. */
  public static String of(RawMessage raw) {
    return find(raw).orElseGet(() -> synthetic(UniversalNewlines.apply(raw.array())));
  }

  /**
   * The Message-ID given to mail that has none: {@code <SHA1-of-the-bytes@patchpipe.invalid>}, of
   * the bytes in universal newlines. The same mail always gets the same id, so re-delivery (also
   * as CRLF over IMAP) is still a duplicate.
   */
  public static String synthetic(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(bytes);
      StringBuilder sb = new StringBuilder("<");
      for (byte b : d) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.append('@').append(SYNTHETIC_DOMAIN).append('>').toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
  }

  /** R1.1 on parsed headers: the Message-ID, or null where it is missing, empty or undecodable. */
  static String of(MailHeaders headers) {
    Optional<String> v = HeaderCleaner.clean(headers.get(HEADER));
    if (v.isEmpty() || v.get().isEmpty()) {
      return null;
    }
    String id = References.firstBracketed(v.get());
    return PythonText.truncate(id != null ? id : v.get(), MAX_LENGTH);
  }
}
