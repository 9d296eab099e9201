package org.patchpipe.parser;

import java.util.List;

/**
 * A cleaned subject (R5): the stored {@code name} (at most 255 characters), its {@code prefixes}
 * as the patch API recomputes them from the name (R12.5), whether it is a reply (R5.3), the series
 * marker x/n (R5.4; null where there is none) and the version (R5.5; 1 by default). Immutable.
 */
public record Subject(
    String name, List<String> prefixes, boolean reply, Integer number, Integer total, int version) {
  public Subject {
    prefixes = List.copyOf(prefixes);
  }
}
