package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The Basic header decoded as DRF decodes it; the expected values are what CPython 3.11's
 * {@code base64.b64decode} answers for the same strings.
 */
class BasicCredentialsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "YWxpY2U6cHc=|alice|pw",
    "YWxp!Y2U6cHc=|alice|pw",     // outside the alphabet: skipped
    "YQ==Zm9v|a|''",               // decoding stops at a complete padding
    "Y=Q==|a|''",                  // a pad before two characters is skipped
    "!!!!|''|''",
    "w6k6w6k=|\u00e9|\u00e9",      // UTF-8
    "6To=|\u00e9|''",              // not UTF-8: Latin-1 ("\\xe9:")
    "YTpiOmM=|a|b:c",              // the password keeps later colons
  })
  void decodesAsPython(String encoded, String user, String password) {
    BasicCredentials c = BasicCredentials.parse(new String[] {"Basic", encoded});
    assertEquals(user, c.username());
    assertEquals(password, c.password());
  }

  @ParameterizedTest
  @CsvSource({"YWxpY2U6cHc", "YQ", "Y", "YQ=Zm9v"})
  void aDanglingQuantumIsNotBase64(String encoded) {
    ApiException e = assertThrows(ApiException.class, () -> BasicCredentials.parse(new String[] {"Basic", encoded}));
    assertEquals(403, e.status());
    assertEquals("Invalid basic header. Credentials not correctly base64 encoded.", e.getMessage());
  }

  @Test
  void headerShapes() {
    assertEquals("Invalid basic header. No credentials provided.",
        assertThrows(ApiException.class, () -> BasicCredentials.parse(new String[] {"Basic"})).getMessage());
    assertEquals("Invalid basic header. Credentials string should not contain spaces.",
        assertThrows(ApiException.class, () -> BasicCredentials.parse(new String[] {"Basic", "a", "b"})).getMessage());
  }

  @Test
  void toStringHidesThePassword() {
    assertFalse(new BasicCredentials("alice", "s3cret").toString().contains("s3cret"));
  }
}
