package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PatchworkDiffHashTest {
  private static final String DIFF_A = "diff --git a/src/hello.c b/src/hello.c\n"
      + "index 3b18e51..a042389 100644\n"
      + "--- a/src/hello.c\n"
      + "+++ b/src/hello.c\n"
      + "@@ -10,2 +10,2 @@ int main(void)\n"
      + " \tint x = 1;\n"
      + "-\treturn 0;\n"
      + "+\treturn x;\n";

  @Test
  void r8_2_workedExample() {
    assertEquals("495dbd246f2cf4bafd0d457bd6300b26d6d96f59", PatchworkDiffHash.of(DIFF_A));
  }

  @Test
  void r8_2_cvsStyleDiffHashesTheSame() {
    String cvs = "Index: src/hello.c\n"
        + "===================================================================\n"
        + "--- orig/src/hello.c\t2024-01-01 10:00:00\n"
        + "+++ new/src/hello.c\t2024-01-01 10:00:00\n"
        + "@@ -42,2 +42,2 @@\n"
        + " \tint x = 1;\n"
        + "-\treturn 0;\n"
        + "+\treturn x;\n";
    assertEquals("495dbd246f2cf4bafd0d457bd6300b26d6d96f59", PatchworkDiffHash.of(cvs));
  }

  @Test
  void r8_2_changedBodyChangesTheHash() {
    assertEquals("d49858cee9cffe6a4c8d710b6e764333dd64ba5d",
        PatchworkDiffHash.of(DIFF_A.replace("return x;", "return  x;")));
  }

  @Test
  void r8_1_renameOnlyHashesToEmptyInput() {
    String rename = "diff --git a/a.c b/b.c\nsimilarity index 100%\nrename from a.c\nrename to b.c\n";
    assertEquals(CommitMatcher.EMPTY_HASH, PatchworkDiffHash.of(rename));
  }

  @Test
  void r8_1_crlfIsIgnored() {
    assertEquals(PatchworkDiffHash.of(DIFF_A), PatchworkDiffHash.of(DIFF_A.replace("\n", "\r\n")));
  }
}
