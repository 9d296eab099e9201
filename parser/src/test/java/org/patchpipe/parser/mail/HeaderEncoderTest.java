package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

class HeaderEncoderTest {

  private static HeaderChunk ascii(String text) {
    return new HeaderChunk(text, "us-ascii");
  }

  @Test
  void r12_2WorkedExampleComesOutByteForByte() {
    List<String> stored = new ArrayList<>();
    stored.add(HeaderEncoder.encode("From", List.of(new HeaderChunk("J\u00f6rg", "utf-8"),
        ascii("Example <jorg@example.com>"))).orElseThrow());
    stored.add(HeaderEncoder.encode("Subject", List.of(ascii("[PATCH v2 3/7] this is a rather long"
        + " subject line that will need folding because it is long"))).orElseThrow());
    stored.add(HeaderEncoder.encode("References", List.of(ascii(
        "<aaaaaaaaaaaaaaaaaaaaaaaa@example.com> <bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@example.com>\n"
            + " <cccccccccccccccccccccc@example.com>"))).orElseThrow());
    stored.add(HeaderEncoder.encode("X-Enc", List.of(new HeaderChunk("\u00e9xample user", "utf-8"),
        ascii("and some ascii text"), new HeaderChunk("caf\u00e9", "iso-8859-1"), ascii("end")))
        .orElseThrow());
    stored.add(HeaderEncoder.encode("X-Empty", List.of(ascii(""))).orElseThrow());
    assertEquals("From: =?utf-8?b?SsO2cmc=?= Example <jorg@example.com>\n"
        + "Subject: [PATCH v2 3/7] this is a rather long subject line that will need\n"
        + " folding because it is long\n"
        + "References: <aaaaaaaaaaaaaaaaaaaaaaaa@example.com>\n"
        + " <bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@example.com>\n"
        + " <cccccccccccccccccccccc@example.com>\n"
        + "X-Enc: =?utf-8?q?=C3=A9xample_user?= and some ascii text =?iso-8859-1?q?caf?=\n"
        + "\t=?iso-8859-1?q?=E9?= end\n"
        + "X-Empty: ", String.join("\n", stored));
  }

  @Test
  void r12_2RawEightBitHeaderBecomesUnknown8bitWords() {
    // patchwork-tests/mail/0014-with-unencoded-utf8-headers.mbox: raw UTF-8 in the Subject.
    String subject = "MAINTAINERS: Update entry for BCM5301X ARM to include Rafa\uDCC5\uDC82"
        + " Mi\uDCC5\uDC82ecki";
    assertEquals(Optional.of("Subject: =?unknown-8bit?q?MAINTAINERS=3A_Update_entry_for_BCM5301X_ARM_to_in?=\n"
        + "\t=?unknown-8bit?q?clude_Rafa=C5=82_Mi=C5=82ecki?="),
        HeaderEncoder.encode("Subject", List.of(new HeaderChunk(subject, "unknown-8bit"))));
  }

  @Test
  void r12_2EmbeddedHeaderIsOmitted() {
    assertEquals(Optional.empty(), HeaderEncoder.encode("X-A", List.of(ascii("a\nb: c"))));
    assertEquals(Optional.of("X-A: a\n b: c"), HeaderEncoder.encode("X-A", List.of(ascii("a\n b: c"))));
  }

  @Test
  void r12_2WordTooLongForFirstLineMovesToItsOwnLine() {
    String word = "x".repeat(90);
    assertEquals(Optional.of("X-Long: \n " + word), HeaderEncoder.encode("X-Long", List.of(ascii(word))));
  }

  /** CPython: make_header(chunks).encode() raises for the false rows (R0.3 step 4). */
  @Test
  void r0_3Step4EncodableWithoutHeaderName() {
    assertEquals(false, HeaderEncoder.encodable(List.of(ascii("a\fb: c"))));
    assertEquals(false, HeaderEncoder.encodable(List.of(ascii("a\nb: c"))));
    assertEquals(false, HeaderEncoder.encodable(List.of(ascii("x".repeat(100) + "\fb: c"))));
    assertEquals(false, HeaderEncoder.encodable(List.of(ascii("short\u000bname: v"))));
    assertEquals(false, HeaderEncoder.encodable(List.of(new HeaderChunk("\u00e9", "utf-8"),
        ascii("\fb: c"))));
    assertEquals(true, HeaderEncoder.encodable(List.of(ascii("a\n b: c"))));
    assertEquals(true, HeaderEncoder.encodable(List.of(ascii("plain"))));
    assertEquals(true, HeaderEncoder.encodable(List.of(ascii("a: b\f c"))));
    assertEquals(false, HeaderEncoder.encodable(List.of(ascii("X".repeat(70) + " y\fz: w"))));
  }

  @Test
  void shortAsciiValueIsReturnedVerbatim() {
    String value = "<20240101.1234@example.com>";
    String stored = HeaderEncoder.encode("Message-Id", List.of(ascii(value))).orElseThrow();
    assertEquals("Message-Id: " + value, stored);
  }

  @Test
  void hostileChunksNeverThrow() {
    String junk = "\u0000\uDC80\uD800\uFFFF\n\n\n::: \t\t\r" + "\u00e9".repeat(5000);
    for (String label : List.of("us-ascii", "utf-8", "unknown-8bit", "iso-2022-jp", "x-nonsense",
        "koi8-r", "UTF-8", "", "\u0000", "utf-8*en", "utf-16", "iso-2022-jp-2")) {
      assertDoesNotThrow(() -> HeaderEncoder.encode("X-Junk", List.of(new HeaderChunk(junk, label),
          new HeaderChunk(junk, "utf-8"))), label);
    }
    assertEquals(Optional.of("X-None: "), HeaderEncoder.encode("X-None", List.of()));
    assertEquals(Optional.of("X-Null: plain"),
        HeaderEncoder.encode("X-Null", List.of(new HeaderChunk("plain", null))));
  }

  /** Many whitespace-only lines are glued to the line before; that must stay linear. */
  @Test
  void manyWhitespaceOnlyLinesAreGluedToTheLineBefore() {
    String value = "x".repeat(100) + "\f\t".repeat(200_000) + "end";
    String stored = HeaderEncoder.encode("X-Hostile", List.of(ascii(value))).orElseThrow();
    assertEquals("X-Hostile: \n " + "x".repeat(100) + "\t".repeat(199_999) + "\n\tend",
        stored, "as CPython gives for 20 repeats: 19 tabs glued, then \\n\\tend");
  }

  /**
   * Every case of encoder-cases.txt, produced by CPython 3.11's make_header(...).encode() with and
   * without a header name; one test that lists every mismatch.
   */
  @Test
  void matchesCpythonOnEveryGeneratedCase() throws IOException {
    List<String> mismatches = new ArrayList<>();
    List<Arguments> cases = cpythonCases().collect(Collectors.toList());
    for (Arguments arguments : cases) {
      Object[] a = arguments.get();
      String name = (String) a[1];
      @SuppressWarnings("unchecked")
      List<HeaderChunk> chunks = (List<HeaderChunk>) a[2];
      String stored = HeaderEncoder.encode(name, chunks).map(s -> s.substring(name.length() + 2))
          .orElse("OMIT");
      if (!stored.equals(a[3])) {
        mismatches.add(a[0] + ": expected <" + a[3] + "> but was <" + stored + ">");
      }
      if (HeaderEncoder.encodable(chunks) != (Boolean) a[4]) {
        mismatches.add(a[0] + ": encodable without a name should be " + a[4]);
      }
    }
    assertEquals(945, cases.size(), "generated cases read");
    assertEquals(List.of(), mismatches);
  }

  static Stream<Arguments> cpythonCases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = HeaderEncoderTest.class.getResourceAsStream("encoder-cases.txt")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i + 2 < lines.length; i += 3) {
        String[] fields = lines[i].split("\t", -1);
        List<HeaderChunk> chunks = new ArrayList<>();
        for (int f = 1; f + 1 < fields.length; f += 2) {
          chunks.add(new HeaderChunk(DateParserTest.unescape(fields[f + 1]), fields[f]));
        }
        String expected = DateParserTest.unescape(lines[i + 1].substring(3));
        String description = fields[0] + " " + chunks.stream()
            .map(c -> c.charset() + ":" + c.text().length()).collect(Collectors.joining(","));
        boolean encodable = Boolean.parseBoolean(lines[i + 2].substring(3));
        cases.add(Arguments.of(description, fields[0], chunks, expected, encodable));
      }
    }
    return cases.stream();
  }
}
