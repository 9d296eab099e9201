package org.patchpipe.parser.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;

/** R8: Patchwork's diff hash, bit for bit. */
class PatchworkHashTest {
  static final String DIFF_A =
      "diff --git a/src/hello.c b/src/hello.c\n"
          + "index 3b18e51..a042389 100644\n"
          + "--- a/src/hello.c\n"
          + "+++ b/src/hello.c\n"
          + "@@ -10,2 +10,2 @@ int main(void)\n"
          + " \tint x = 1;\n"
          + "-\treturn 0;\n"
          + "+\treturn x;\n";

  @Test
  void r82WorkedExample() {
    assertEquals("495dbd246f2cf4bafd0d457bd6300b26d6d96f59", PatchworkHash.hash(DIFF_A));
    String cvs =
        "Index: src/hello.c\n"
            + "===================================================================\n"
            + "--- orig/src/hello.c\t2024-01-01 10:00:00\n"
            + "+++ new/src/hello.c\t2024-01-01 10:00:01\n"
            + "@@ -42,2 +42,2 @@\n"
            + " \tint x = 1;\n"
            + "-\treturn 0;\n"
            + "+\treturn x;\n";
    assertEquals("495dbd246f2cf4bafd0d457bd6300b26d6d96f59", PatchworkHash.hash(cvs));
    assertEquals(
        "d49858cee9cffe6a4c8d710b6e764333dd64ba5d",
        PatchworkHash.hash(DIFF_A.replace("return x;", "return  x;")));
  }

  @Test
  void r81Consequences() {
    assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709",
        PatchworkHash.hash("diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\n"));
    assertEquals("28bbf89195af1c065a2ebbfbdfaf0ee9dfe8296e",
        PatchworkHash.hash("diff --git a/b.bin b/b.bin\nGIT binary patch\nliteral 0\nHcmV?d00001\n\n-- \n2.35.3\n\n"));
    // CR is ignored; hunk counts lose leading zeros and Unicode digits become ASCII.
    assertEquals(PatchworkHash.hash(DIFF_A), PatchworkHash.hash(DIFF_A.replace("\n", "\r\n")));
    assertEquals(PatchworkHash.hash(DIFF_A), PatchworkHash.hash(DIFF_A.replace("@@ -10,2 +10,2 @@", "@@ -1,02 +1,\u0662 @@")));
  }

  @Test
  void r83ConformanceValues() {
    Path mail = SharedFiles.root().resolve("corpus/patchwork-tests/mail");
    Map<String, String> expected = Map.ofEntries(
        Map.entry("0003-git-pull-request-with-diff.mbox", "dde488c7b82265da100f9facd43c2bb72f5262fd"),
        Map.entry("0007-cvs-format-diff.mbox", "f0db4bd410752c95498f69ad5616422592f2bcab"),
        Map.entry("0008-git-rename.mbox", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        Map.entry("0016-no-subject.mbox", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        Map.entry("0021-git-empty-new-file.mbox", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        Map.entry("0022-git-mode-change.mbox", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        Map.entry("0009-git-rename-with-diff.mbox", "1a0a2f780b578d1daa1bcb9a40679763220aa45e"),
        Map.entry("0010-invalid-charset.mbox", "db01919ea1c391ec8bc401540af51e10e8ee62be"),
        Map.entry("0011-no-newline-at-end-of-file.mbox", "13005677f1587851f296d5f1934333eefe90ddad"),
        Map.entry("0012-invalid-header-char.mbox", "fcfbfcf2afbf8c9a6273178493a6bd2e523ec125"),
        Map.entry("0013-with-utf8-body.mbox", "4df3c62e1f74a2a2035f7676c52e7d26d30c2adb"),
        Map.entry("0014-with-unencoded-utf8-headers.mbox", "4df3c62e1f74a2a2035f7676c52e7d26d30c2adb"),
        Map.entry("0015-with-invalid-utf8-headers.mbox", "4df3c62e1f74a2a2035f7676c52e7d26d30c2adb"),
        Map.entry("0019-multipart-patch.mbox", "201d414fd34cef186a0813dd4d49b5f873d00605"),
        Map.entry("0025-git-add-binary-file.mbox", "28bbf89195af1c065a2ebbfbdfaf0ee9dfe8296e"),
        Map.entry("0027-git-modify-binary-file.mbox", "28bbf89195af1c065a2ebbfbdfaf0ee9dfe8296e"),
        Map.entry("0026-git-add-mixed-binary-text-files.mbox", "729b1ccd5c3d4e3d7aa012fd7216678d9d79cd3f"));
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    Project test = new Project("test", "test.example.com", "test@example.com");
    expected.forEach((file, hash) -> {
      ParsedMail m = parser.parse(RawMessage.of(Corpus.read(mail.resolve(file))), test);
      assertEquals(hash, ((ParsedMail.Patch) m).hash(), file);
    });
    ParsedMail fuzz = parser.parse(
        RawMessage.of(Corpus.read(mail.resolveSibling("fuzz/codec-null.mbox"))),
        Project.ofListId("patchwork.ozlabs.org"));
    assertEquals("5925e117e8b145bd4bc72f7c0a9007b3658e32e6", ((ParsedMail.Patch) fuzz).hash());
  }
}
