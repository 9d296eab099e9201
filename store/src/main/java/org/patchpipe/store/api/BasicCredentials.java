package org.patchpipe.store.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.patchpipe.parser.mail.TransferEncoding;

/**
 * The username and password of an {@code Authorization: Basic ...} header, decoded as DRF's
 * {@code BasicAuthentication} decodes them: Python's lenient {@code base64.b64decode}
 * ({@link TransferEncoding#a2bBase64}, the parser's one copy of CPython's decoder: characters outside
 * the alphabet are skipped, decoding stops at a complete padding, a dangling quantum is an error),
 * then UTF-8 or, failing that, Latin-1; the username is what comes before the first colon,
 * the password everything after it (both empty when there is none). Immutable; {@link #toString}
 * never shows the password.
 *
 * @param username the login name as sent
 * @param password the password as sent
 */
public record BasicCredentials(String username, String password) {

  /**
   * The credentials of a header already split on whitespace into scheme and the rest.
   *
   * @throws ApiException 403 with DRF's message for a header without credentials, with spaces in
   *     them, or not correctly base64-encoded
   */
  static BasicCredentials parse(String[] parts) {
    if (parts.length == 1) {
      throw ApiException.detail(403, "Invalid basic header. No credentials provided.");
    }
    if (parts.length > 2) {
      throw ApiException.detail(403, "Invalid basic header. Credentials string should not contain spaces.");
    }
    byte[] bytes = pythonBase64(parts[1]);
    String decoded;
    try {
      decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      decoded = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? new BasicCredentials(decoded, "")
        : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /**
   * CPython's lenient {@code base64.b64decode}. The header reaches us as Latin-1 characters, one
   * per byte, as Django's {@code get_authorization_header} encodes it.
   */
  private static byte[] pythonBase64(String text) {
    byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] decoded = TransferEncoding.a2bBase64(ascii, ascii.length);
    if (decoded == null) {
      throw ApiException.detail(403, "Invalid basic header. Credentials not correctly base64 encoded.");
    }
    return decoded;
  }

  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + ", password=<hidden>]";
  }
}
