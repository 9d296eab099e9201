package org.patchpipe.parser.mail;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Patchwork's permissive Date parser (R4): the cleaned Date header to a UTC wall-clock time with
 * whole seconds. A port of CPython's {@code email._parseaddr._parsedate_tz} followed by
 * {@code mktime_tz} and {@code datetime.utcfromtimestamp}, as Patchwork's {@code find_date} chains
 * them, so odd inputs ({@code 45 Jan}, {@code 25:61:61}, {@code +02}, Unicode digits) give exactly
 * Patchwork's answer. Stateless and thread-safe; never throws for any input: where Patchwork falls
 * back to the current time (R4.1: unparseable, or outside years 1..9999) the result is empty and
 * the caller supplies its clock.
 *
 * <pre>{@code
 * DateParser.parse("Mon, 01 Jan 2024 10:00:00 +0200")  // Optional[2024-01-01T08:00]
 * }</pre>
 */
public final class DateParser {
  private static final String[] MONTH_NAMES = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"
  };
  private static final String[] DAY_NAMES = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  /** Seconds from 0001-01-01T00:00:00Z and to 9999-12-31T23:59:59Z, Python's datetime range. */
  private static final long MIN_EPOCH_SECOND = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final long MAX_EPOCH_SECOND =
      LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

  private DateParser() {}

  /** The instant in UTC, or empty where Patchwork would fall back to the current time (R4.1). */
  public static Optional<LocalDateTime> parse(String cleanedValue) {
    if (cleanedValue == null || cleanedValue.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = parseFields(cleanedValue);
    if (fields == null) {
      return Optional.empty();
    }
    return toUtc(fields);
  }

  /** The broken-down fields of {@code _parsedate_tz}; {@code offsetSeconds} already signed. */
  private record Fields(BigInteger year, int month, BigInteger day, BigInteger hour,
      BigInteger minute, BigInteger second, BigInteger offsetSeconds) {}

  private static Fields parseFields(String value) {
    List<String> data = split(value);
    if (data.isEmpty()) {
      return null;
    }
    String first = data.get(0);
    if (first.endsWith(",") || isDayName(first.toLowerCase(Locale.ROOT))) {
      data.remove(0);
    } else {
      int comma = first.lastIndexOf(',');
      if (comma >= 0) {
        data.set(0, first.substring(comma + 1));
      }
    }
    if (data.size() == 3) {
      // RFC 850 style: 01-Jan-24.
      String[] stuff = data.get(0).split("-", -1);
      if (stuff.length == 3) {
        List<String> replaced = new ArrayList<>(List.of(stuff));
        replaced.addAll(data.subList(1, data.size()));
        data = replaced;
      }
    }
    if (data.size() == 4) {
      String s = data.get(3);
      int i = s.indexOf('+');
      if (i == -1) {
        i = s.indexOf('-');
      }
      if (i > 0) {
        data.set(3, s.substring(0, i));
        data.add(s.substring(i));
      } else {
        data.add("");
      }
    }
    if (data.size() < 5) {
      return null;
    }
    String dd = data.get(0);
    String mm = data.get(1);
    String yy = data.get(2);
    String tm = data.get(3);
    String tz = data.get(4);
    if (dd.isEmpty() || mm.isEmpty() || yy.isEmpty()) {
      return null;
    }
    mm = mm.toLowerCase(Locale.ROOT);
    int month = monthIndex(mm);
    if (month < 0) {
      String swapped = dd.toLowerCase(Locale.ROOT);
      dd = mm;
      month = monthIndex(swapped);
      if (month < 0) {
        return null;
      }
    }
    month = month + 1;
    if (month > 12) {
      month -= 12;
    }
    if (dd.endsWith(",")) {
      dd = dd.substring(0, dd.length() - 1);
    }
    if (yy.indexOf(':') > 0) {
      String t = yy;
      yy = tm;
      tm = t;
    }
    if (yy.endsWith(",")) {
      yy = yy.substring(0, yy.length() - 1);
      if (yy.isEmpty()) {
        return null;
      }
    }
    if (!isDigit(yy.codePointAt(0))) {
      String t = yy;
      yy = tz;
      tz = t;
    }
    if (tm.endsWith(",")) {
      tm = tm.substring(0, tm.length() - 1);
    }
    String hh;
    String mi;
    String ss;
    String[] parts = tm.split(":", -1);
    if (parts.length == 2) {
      hh = parts[0];
      mi = parts[1];
      ss = "0";
    } else if (parts.length == 3) {
      hh = parts[0];
      mi = parts[1];
      ss = parts[2];
    } else if (parts.length == 1 && tm.indexOf('.') >= 0) {
      // Some non-compliant MUAs separate the time with dots.
      String[] dots = tm.split("\\.", -1);
      if (dots.length == 2) {
        hh = dots[0];
        mi = dots[1];
        ss = "0";
      } else if (dots.length == 3) {
        hh = dots[0];
        mi = dots[1];
        ss = dots[2];
      } else {
        return null;
      }
    } else {
      return null;
    }
    BigInteger year = parseInt(yy);
    BigInteger day = parseInt(dd);
    BigInteger hour = parseInt(hh);
    BigInteger minute = parseInt(mi);
    BigInteger second = parseInt(ss);
    if (year == null || day == null || hour == null || minute == null || second == null) {
      return null;
    }
    if (year.compareTo(BigInteger.valueOf(100)) < 0) {
      year = year.add(BigInteger.valueOf(year.compareTo(BigInteger.valueOf(68)) > 0 ? 1900 : 2000));
    }
    return new Fields(year, month, day, hour, minute, second, zoneOffset(tz));
  }

  /** R4.2 step 11; unknown, empty and {@code -0000} zones are all offset 0 once Patchwork is done. */
  private static BigInteger zoneOffset(String tz) {
    BigInteger hhmm;
    String upper = tz.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "UT": case "UTC": case "GMT": case "Z": return BigInteger.ZERO;
      case "AST": hhmm = BigInteger.valueOf(-400); break;
      case "ADT": hhmm = BigInteger.valueOf(-300); break;
      case "EST": hhmm = BigInteger.valueOf(-500); break;
      case "EDT": hhmm = BigInteger.valueOf(-400); break;
      case "CST": hhmm = BigInteger.valueOf(-600); break;
      case "CDT": hhmm = BigInteger.valueOf(-500); break;
      case "MST": hhmm = BigInteger.valueOf(-700); break;
      case "MDT": hhmm = BigInteger.valueOf(-600); break;
      case "PST": hhmm = BigInteger.valueOf(-800); break;
      case "PDT": hhmm = BigInteger.valueOf(-700); break;
      default: hhmm = parseInt(upper);
    }
    if (hhmm == null || hhmm.signum() == 0) {
      return BigInteger.ZERO;
    }
    BigInteger[] hm = hhmm.abs().divideAndRemainder(BigInteger.valueOf(100));
    BigInteger seconds = hm[0].multiply(BigInteger.valueOf(3600)).add(hm[1].multiply(BigInteger.valueOf(60)));
    return hhmm.signum() < 0 ? seconds.negate() : seconds;
  }

  /** {@code calendar.timegm} minus the offset, then {@code utcfromtimestamp}'s range check. */
  private static Optional<LocalDateTime> toUtc(Fields f) {
    // datetime.date(year, month, 1) rejects years outside 1..9999 before any arithmetic.
    if (f.year().signum() <= 0 || f.year().compareTo(BigInteger.valueOf(9999)) > 0) {
      return Optional.empty();
    }
    long firstOfMonth =
        LocalDateTime.of(f.year().intValueExact(), f.month(), 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    BigInteger days = f.day().subtract(BigInteger.ONE);
    BigInteger hours = days.multiply(BigInteger.valueOf(24)).add(f.hour());
    BigInteger minutes = hours.multiply(BigInteger.valueOf(60)).add(f.minute());
    BigInteger seconds = minutes.multiply(BigInteger.valueOf(60)).add(f.second());
    BigInteger epoch = seconds.add(BigInteger.valueOf(firstOfMonth)).subtract(f.offsetSeconds());
    if (epoch.compareTo(BigInteger.valueOf(MIN_EPOCH_SECOND)) < 0
        || epoch.compareTo(BigInteger.valueOf(MAX_EPOCH_SECOND)) > 0) {
      return Optional.empty();
    }
    return Optional.of(LocalDateTime.ofEpochSecond(epoch.longValueExact(), 0, ZoneOffset.UTC));
  }

  private static boolean isDayName(String lower) {
    for (String day : DAY_NAMES) {
      if (day.equals(lower)) {
        return true;
      }
    }
    return false;
  }

  private static int monthIndex(String lower) {
    for (int i = 0; i < MONTH_NAMES.length; i++) {
      if (MONTH_NAMES[i].equals(lower)) {
        return i;
      }
    }
    return -1;
  }

  /** Python {@code str.split()} without arguments: runs of W separate, no empty tokens. */
  private static List<String> split(String s) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && PythonText.isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !PythonText.isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        tokens.add(s.substring(start, i));
      }
    }
    return tokens;
  }
  /**
   * Python {@code str.isdigit()} for one code point: decimal digits and the other digit
   * characters (superscripts, circled digits), which {@code int()} nevertheless rejects.
   */
  private static boolean isDigit(int c) {
    if (Character.isDigit(c)) {
      return true;
    }
    if (Character.getType(c) == Character.OTHER_NUMBER) {
      int v = Character.getNumericValue(c);
      return v >= 0 && v <= 9;
    }
    return false;
  }
  /**
   * Python {@code int(s)} in base 10: optional surrounding whitespace and sign, Unicode decimal
   * digits, single underscores between digits. Null where Python raises {@code ValueError}.
   */
  private static BigInteger parseInt(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && PythonText.isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && PythonText.isSpace(s.charAt(end - 1))) {
      end--;
    }
    boolean negative = false;
    if (start < end && (s.charAt(start) == '+' || s.charAt(start) == '-')) {
      negative = s.charAt(start) == '-';
      start++;
    }
    if (start >= end) {
      return null;
    }
    StringBuilder digits = new StringBuilder(end - start);
    boolean lastWasDigit = false;
    for (int i = start; i < end; ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == '_') {
        if (!lastWasDigit || i >= end) {
          return null;
        }
        lastWasDigit = false;
        continue;
      }
      int d = Character.isDigit(c) ? Character.digit(c, 10) : -1;
      if (d < 0) {
        return null;
      }
      digits.append((char) ('0' + d));
      lastWasDigit = true;
    }
    if (!lastWasDigit) {
      return null;
    }
    BigInteger value = new BigInteger(digits.toString());
    return negative ? value.negate() : value;
  }
}
