package org.patchpipe.store.api.download;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A stored header block (R12.1) read back as Python's {@code HeaderParser} (compat32) reads it:
 * name and value per header in order, duplicates kept, folds kept in the value as {@code \n} plus
 * the continuation line. A line that is neither a header nor a continuation ends the block, as it
 * does for Patchwork. Stateless.
 */
final class StoredHeaders {
  private static final Pattern HEADER = Pattern.compile("^[\\x21-\\x39\\x3b-\\x7e]*:");

  /** One header: its name as spelled and its value. */
  record Item(String name, String value) {}

  private StoredHeaders() {}

  static List<Item> parse(String stored) {
    List<Item> items = new ArrayList<>();
    if (stored == null || stored.isEmpty()) {
      return items;
    }
    String name = null;
    StringBuilder value = null;
    for (String line : stored.split("\n", -1)) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (value != null) {
          value.append('\n').append(line);
        }
        continue;
      }
      if (name != null) {
        items.add(new Item(name, value.toString()));
        name = null;
        value = null;
      }
      if (!HEADER.matcher(line).find()) {
        break;
      }
      int colon = line.indexOf(':');
      name = line.substring(0, colon);
      value = new StringBuilder(stripLeading(line.substring(colon + 1)));
    }
    if (name != null) {
      items.add(new Item(name, value.toString()));
    }
    return items;
  }

  private static String stripLeading(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(i);
  }
}
