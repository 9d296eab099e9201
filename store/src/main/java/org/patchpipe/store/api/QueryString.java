package org.patchpipe.store.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request's query parameters, multi-valued and in arrival order, and their re-encoding the way
 * Django REST framework rebuilds pagination links ({@code urlencode(sorted(parse_qs(q)))}: keys
 * sorted, values of one key in order, {@code quote_plus} escaping). Immutable.
 */
public final class QueryString {
  private final Map<String, List<String>> params;

  private QueryString(Map<String, List<String>> params) {
    this.params = params;
  }

  /** Parses a raw (still percent-encoded) query; null or empty gives no parameters. */
  public static QueryString parse(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("[&;]")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    return new QueryString(params);
  }

  /** The first value of {@code key}, or null. */
  public String first(String key) {
    List<String> values = params.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The last value of {@code key}, or null (Django's {@code QueryDict.get} answers the last). */
  public String get(String key) {
    List<String> values = params.get(key);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /** Every value of {@code key}, in order; empty when absent. */
  public List<String> all(String key) {
    return params.getOrDefault(key, List.of());
  }

  public boolean has(String key) {
    return params.containsKey(key);
  }

  /** A copy with {@code key} set to the single {@code value} (null removes it). */
  public QueryString with(String key, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(params);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, List.of(value));
    }
    return new QueryString(copy);
  }

  /** DRF's re-encoding: keys sorted, {@code quote_plus} escaping; empty string when no keys. */
  public String encodeSorted() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(params).entrySet()) {
      for (String value : e.getValue()) {
        if (out.length() > 0) {
          out.append('&');
        }
        out.append(quotePlus(e.getKey())).append('=').append(quotePlus(value));
      }
    }
    return out.toString();
  }

  public Map<String, List<String>> asMap() {
    return Collections.unmodifiableMap(params);
  }

  /** Python's {@code urllib.parse.quote_plus}: only letters, digits and {@code _.-~} stay. */
  static String quotePlus(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-' || c == '~') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Form decoding: {@code +} is a space, {@code %XX} a byte, UTF-8, malformed escapes kept. */
  static String decode(String text) {
    return PercentCoding.decode(text.replace('+', ' '));
  }
}
