package org.patchpipe.store.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The patch API's {@code prefixes}, recomputed from the stored name (R12.5). */
class PrefixesTest {
  @Test
  void splitsBracketGroupsAndDropsPatch() {
    assertEquals(List.of("v2", "13/16"), Prefixes.of("[v2,13/16] migration: Remember total dirty bytes"));
    assertEquals(List.of("1/2"), Prefixes.of("[1/2] or1k: Fix code quality"));
    assertEquals(List.of(), Prefixes.of("A plain name"));
    assertEquals(List.of("RFC", "v3"), Prefixes.of("[RFC] [PATCH v3] two groups"));
  }

  @Test
  void nOfMComesBackSplitAndReRegainsItsPrefixes() {
    assertEquals(List.of("1", "of", "3"), Prefixes.of("[1 of 3] x"));
    assertEquals(List.of("RFC"), Prefixes.of("Re: [RFC] x"));
  }

  @Test
  void slugifyIsDjangos() {
    assertEquals("under-review", PatchUpdate.slugify("Under Review"));
    assertEquals("changes-requested", PatchUpdate.slugify(" changes_requested ".replace('_', '-')));
    assertEquals("rfc", PatchUpdate.slugify("RFC"));
  }
}
