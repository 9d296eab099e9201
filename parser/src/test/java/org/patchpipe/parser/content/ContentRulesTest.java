package org.patchpipe.parser.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.testing.Corpus;

/**
 * R6.1-R6.6 on the fixtures in src/test/resources/rules (one per behaviour, named by rule). The
 * expected diff, hash and content were produced by Patchwork's own functions ({@code
 * find_patch_content}, {@code find_comment_content}, {@code hash_diff}) on CPython 3.11.
 */
class ContentRulesTest {
  private static final MailParser PARSER = new MailParser(ParserLimits.DEFAULT);
  private static final Project PROJECT = new Project("test", "test.example.com", "test@example.com");

  private static void expect(String fixture, String diff, String hash, String content) {
    ParsedMail m = PARSER.parse(RawMessage.of(Corpus.fixture(fixture)), PROJECT);
    if (m instanceof ParsedMail.Patch p) {
      assertEquals(diff, p.diff(), fixture + " diff");
      assertEquals(hash, p.hash(), fixture + " hash");
      assertEquals(content, p.content(), fixture + " content");
    } else if (m instanceof ParsedMail.Comment c) {
      assertEquals(null, diff, fixture + " parsed as a comment");
      assertEquals(content, c.content(), fixture + " content");
    } else {
      throw new AssertionError(fixture + ": " + m);
    }
  }

  @Test
  void fixturesMatchPatchwork() {
    expect("R6.1-charsets.eml", null, null, "unknown charset: utf-8 caf\u00e9, soft break\nno charset, cp1252 hole falls to latin-1: \u0081\u00e9\ndeclared cp1252: \u20ac");
    expect("R6.2-x-patch-attachment.eml", "--- a/y\n+++ b/y\n@@ -1 +1 @@\n-c\n+d\n", "a2ce30f5acb889700ea0d7dbed787d55f6a1482f", "Inline comment.\nAfter the diff: appended whole.");
    expect("R6.3-reply.eml", null, null, "> quoted\nLooks good.\n\nAcked-by: Rev Iewer <rev@example.com>\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b");
    expect("R6.4-binary.eml", "diff --git a/b.bin b/b.bin\nnew file mode 100644\nindex 0000000..d00491f\nGIT binary patch\nliteral 1\nIcmZo*000310RR91\n\nliteral 0\nHcmV?d00001\n\n", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "Add a binary.\n---\nnew file mode 100644\nindex 0000000..e69de29");
    expect("R6.4-context-diff.eml", null, null, "Old style.\n*** a/x.c\t2024-01-01\n--- b/x.c\t2024-01-01\n***************\n*** 1 ****\n! a\n--- 1 ----\n! b");
    expect("R6.4-git-patch.eml", "diff --git a/src/hello.c b/src/hello.c\nindex 3b18e51..a042389 100644\n--- a/src/hello.c\n+++ b/src/hello.c\n@@ -10,2 +10,2 @@ int main(void)\n \tint x = 1;\n-\treturn 0;\n+\treturn x;\n", "495dbd246f2cf4bafd0d457bd6300b26d6d96f59", "Make hello return x.\n\nSigned-off-by: Ann Author <ann@example.com>\n---\n src/hello.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)");
    expect("R6.4-no-newline.eml", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n", "cb5cfbb4d46dfb6574fd54915d173483676d6079", "x\ntrailing text");
    expect("R6.4-one-extended-line.eml", null, null, "Text.\ndiff --git a/x b/x\nindex 1111111..2222222\njust text after");
    expect("R6.4-rename-only.eml", "diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\n", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "Rename.\n---");
    expect("R6.4-short-hunk.eml", "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\nswallowed\n", "5383a10b7267b2f35140fba10c055be188a72184", "msg");
  }
}
