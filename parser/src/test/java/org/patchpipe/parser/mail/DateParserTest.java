package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DateParserTest {

  @Test
  void r4TableNumericZoneIsConvertedToUtc() {
    assertEquals(at(2024, 1, 1, 8, 0, 0), DateParser.parse("Mon, 01 Jan 2024 10:00:00 +0200"));
  }

  @Test
  void r4TableTwoDigitYearAndNamedZone() {
    assertEquals(at(2024, 1, 1, 15, 0, 0), DateParser.parse("Mon, 1 Jan 24 10:00 EST"));
  }

  @Test
  void r4TableMissingUnknownAndMinusZeroZonesAreUtc() {
    LocalDateTime ten = LocalDateTime.of(2024, 1, 1, 10, 0, 0);
    assertEquals(Optional.of(ten), DateParser.parse("Mon, 01 Jan 2024 10:00:00"));
    assertEquals(Optional.of(ten), DateParser.parse("Mon, 01 Jan 2024 10:00:00 XYZ"));
    assertEquals(Optional.of(ten), DateParser.parse("Mon, 01 Jan 2024 10:00:00 -0000"));
  }

  @Test
  void r4TableAlternativeLayouts() {
    LocalDateTime ten = LocalDateTime.of(2024, 1, 1, 10, 0, 0);
    assertEquals(Optional.of(ten), DateParser.parse("Jan 01 2024 10:00:00 +0000"));
    assertEquals(Optional.of(ten), DateParser.parse("Monday, 01-Jan-24 10:00:00 GMT"));
    assertEquals(Optional.of(ten), DateParser.parse("Mon, 01 Jan 2024 10.00.00 +0000"));
  }

  @Test
  void r4TableIsoAndEmptyFallBackToNow() {
    assertEquals(Optional.empty(), DateParser.parse("2024-01-01T10:00:00Z"));
    assertEquals(Optional.empty(), DateParser.parse(""));
    assertEquals(Optional.empty(), DateParser.parse(null));
  }

  @Test
  void r4FieldsOverflowArithmetically() {
    assertEquals(at(2024, 2, 14, 10, 0, 0), DateParser.parse("Mon, 45 Jan 2024 10:00:00 +0000"));
    assertEquals(at(2024, 1, 2, 2, 2, 1), DateParser.parse("Mon, 01 Jan 2024 25:61:61 +0000"));
    assertEquals(at(2024, 1, 1, 9, 58, 0), DateParser.parse("Mon, 01 Jan 2024 10:00:00 +02"));
  }

  @Test
  void r4YearOutsidePythonRangeFallsBack() {
    assertEquals(Optional.empty(), DateParser.parse(", 11 Sep 2016 23:22:904070804030804 +0100"));
    assertEquals(Optional.empty(), DateParser.parse("Wed, 4 Jun 207777777777777777777714 17:50:46 0"));
    assertEquals(Optional.empty(), DateParser.parse("31 Dec 9999 23:59:59 -0001"));
    assertEquals(at(9999, 12, 31, 23, 59, 59), DateParser.parse("31 Dec 9999 23:59:59 +0000"));
  }

  @Test
  void hostileValuesNeverThrow() {
    StringBuilder huge = new StringBuilder("01 Jan ");
    huge.append("9".repeat(100_000)).append(" 10:00:00 +0000");
    assertEquals(Optional.empty(), DateParser.parse(huge.toString()));
    for (String junk : List.of("\u0000", "\uDC80\uDCFF", ":::: :::: :::: :::: ::::", "- - - - -",
        "1 jan 1 1:1:1 \uD835\uDFCE", "\uD835\uDFCF jan 2024 1:1:1", ",,,,", "1 jan 2024 :")) {
      assertDoesNotThrow(() -> DateParser.parse(junk), junk);
    }
  }

  /** Every row of date-cases.tsv, produced by CPython 3.11 running Patchwork's find_date chain. */
  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cpythonCases")
  void matchesCpython(String value, String expected) {
    Optional<LocalDateTime> parsed = DateParser.parse(value);
    assertEquals(expected, parsed.map(LocalDateTime::toString).map(DateParserTest::withSeconds)
        .orElse("NOW"));
  }

  static Stream<Arguments> cpythonCases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = DateParserTest.class.getResourceAsStream("date-cases.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        int tab = line.indexOf('\t');
        cases.add(Arguments.of(unescape(line.substring(0, tab)), line.substring(tab + 1)));
      }
    }
    return cases.stream();
  }

  static String unescape(String escaped) {
    Matcher m = Pattern.compile("\\\\u([0-9a-f]{4})").matcher(escaped);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, "");
      out.append((char) Integer.parseInt(m.group(1), 16));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String withSeconds(String iso) {
    // LocalDateTime.toString drops ":00" seconds; Python's isoformat keeps them.
    return iso.length() == 16 ? iso + ":00" : iso;
  }

  private static Optional<LocalDateTime> at(int y, int mo, int d, int h, int mi, int s) {
    return Optional.of(LocalDateTime.of(y, mo, d, h, mi, s));
  }
}
