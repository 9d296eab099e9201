package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R0.3: header cleaning CH. Expected values are Patchwork's (CPython 3.11 {@code clean_header}). */
class HeaderCleanerTest {
  private static String ch(String raw) {
    return HeaderCleaner.clean(raw).orElse(null);
  }

  @Test
  void specTable() {
    assertEquals("a b", ch("=?utf-8?q?a?=b"));
    assertEquals("x a", ch("x=?utf-8?q?a?="));
    assertEquals("ab", ch("=?utf-8?q?a?= =?utf-8?q?b?="));
    assertEquals("ab", ch("=?utf-8?q?a?= =?iso-8859-1?q?b?="));
    assertEquals("(a)", ch("(=?utf-8?q?a?=)"));
    assertEquals("caf\uFFFD ok", ch("=?x-unknown?q?caf=E9?= ok"));
    // Raw 8-bit bytes arrive as surrogate escapes: each byte >= 0x80 becomes U+FFFD.
    assertEquals("caf\uFFFD\uFFFD =?utf-8?q?x?=", ch("caf\uDCC3\uDCA9 =?utf-8?q?x?="));
    assertEquals(null, ch("=?utf-8?b?a?="));
  }

  @Test
  void decodingFailureRelabelsEveryChunk() {
    assertEquals("caf\uFFFD", ch("=?utf-8?q?caf=FF?="));
    assertEquals("\uFFFD", ch("=?windows-1252?q?=81?="));
    assertEquals("a", ch("=?utf-8*en?q?a?="));
    assertEquals("caf\uFFFD", ch("=?unknown-8bit?q?caf=E9?="));
  }

  @Test
  void spacesBetweenChunksFollowStrOfHeader() {
    assertEquals("a b", ch("=?latin-1?q?a?= =?iso-8859-1?q?b?="));
    assertEquals("a b", ch("=?us-ascii?q?a?=b"));
    assertEquals("a b c d e", ch("a =?utf-8?q?b?= c =?utf-8?q?d?= e"));
    assertEquals("\" Doe, J \" <j@x.com>", ch("\"=?utf-8?q?Doe=2C_J?=\" <j@x.com>"));
    assertEquals("a\\x", ch("=?utf-8?q?a?=\\x"));
    assertEquals("x \u20ac y", ch("x =?utf-8?q?=E2=82=AC?=\ty"));
    assertEquals("caf\u00e9 x", ch("=?iso-8859-1?q?caf=E9?= \n =?iso-8859-1?q?_x?="));
  }

  @Test
  void codecsAndBase64() {
    assertEquals("J\u00f6rg Example <j@x.com>", ch("=?UTF-8?B?SsO2cmc=?= Example <j@x.com>"));
    assertEquals("J\u00f6rg", ch("=?utf-8?b?SsO2cmc?="));
    assertEquals("\u0105", ch("=?latin_2?q?=B1?="));
    assertEquals("\u4f60\u597d", ch("=?gb2312?b?xOO6ww==?="));
    assertEquals("\u041f\u0440\u0438\u0432\u0435\u0442", ch("=?koi8-r?b?8NLJ18XU?="));
    assertEquals("\uFFFD\uFFFD\uFFFD", ch("=?utf-8?b?////?="));
    assertEquals("ab", ch("=?utf-8?b?YQ?= =?utf-8?b?Yg?="));
    assertEquals("a b", ch("=?utf-8?Q?a_b?="));
    assertEquals(
        "\u00e9xample user and some ascii text caf\u00e9 end",
        ch("=?utf-8?b?w6l4YW1wbGUgdXNlcg==?= and some ascii text =?iso-8859-1?q?caf=E9?= end"));
  }

  @Test
  void whitespaceNulAndEmbeddedHeaders() {
    assertEquals("plain text wrapped", ch("plain  text\n\twrapped"));
    assertEquals("ab", ch("a\u0000b"));
    assertEquals("lead", ch(" lead"));
    assertEquals("", ch(""));
    // A form feed followed by "name:" would be an embedded header once re-encoded.
    assertEquals(null, ch("a\u000cb: c"));
    assertEquals("a b: c", ch("=?utf-8?q?a?=\u000cb: c"));
    assertEquals(Optional.empty(), HeaderCleaner.clean((String) null));
  }

  @Test
  void chunksForTheStoredHeaderEncoder() {
    assertEquals(
        List.of(new HeaderChunk("J\u00f6rg", "utf-8"), new HeaderChunk(" Example <j@x.com>", "us-ascii")),
        HeaderCleaner.chunks("=?utf-8?q?J=C3=B6rg?= Example <j@x.com>").orElseThrow());
    assertEquals(
        List.of(new HeaderChunk("caf\uDCE9 ok", "unknown-8bit")),
        HeaderCleaner.chunks("caf\uDCE9 ok").orElseThrow());
    assertEquals(
        List.of(new HeaderChunk("caf\uDCE9  ok", "unknown-8bit")),
        HeaderCleaner.chunks("=?x-unknown?q?caf=E9?= ok").orElseThrow());
    assertTrue(HeaderCleaner.chunks("=?utf-8?b?a?=").isEmpty());
  }
}
