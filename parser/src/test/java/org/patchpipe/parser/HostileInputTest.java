package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * Bad mail never makes the parser throw: it gives an Unparseable with a reason or a best-effort
 * record, within bounded time and memory ({@link ParserLimits}).
 */
class HostileInputTest {
  static final MailParser PARSER = new MailParser(ParserLimits.DEFAULT);
  static final Project PROJECT = new Project("test", "test.example.com", "test@example.com");

  static ParsedMail parse(byte[] bytes) {
    ParsedMail m = PARSER.parse(RawMessage.of(bytes), PROJECT);
    assertNotNull(m);
    if (m instanceof ParsedMail.Unparseable u) {
      assertNotNull(u.reason());
      assertTrue(!"internal".equals(u.ruleId()), "parser bug: " + u.reason());
    }
    return m;
  }

  @Test
  void patchworkFuzzCorpusParses() throws IOException {
    Path fuzz = SharedFiles.root().resolve("corpus/patchwork-tests/fuzz");
    int n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(fuzz, "*.mbox")) {
      for (Path f : files) {
        parse(Files.readAllBytes(f));
        n++;
      }
    }
    assertEquals(17, n);
  }

  @Test
  void everyTruncationOfARealPatchParses() {
    for (String name : new String[] {"R6.2-x-patch-attachment.eml", "R6.4-binary.eml", "R6.1-charsets.eml"}) {
      byte[] full = Corpus.fixture(name);
      for (int len = 0; len <= full.length; len++) {
        parse(Arrays.copyOf(full, len));
      }
    }
  }

  @Test
  void binaryJunkParses() {
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] junk = new byte[random.nextInt(4096)];
      random.nextBytes(junk);
      parse(junk);
      // Junk behind valid headers exercises the body paths too.
      byte[] withHeaders = concat(("From: a@b.com\nSubject: [PATCH] x\nMessage-Id: <j" + i + "@x>\n"
          + "Content-Type: multipart/mixed; boundary=\"b\"\nContent-Transfer-Encoding: base64\n\n--b\n"
          + "Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: quoted-printable\n\n").getBytes(StandardCharsets.US_ASCII), junk);
      parse(withHeaders);
    }
  }

  @Test
  void fiftyMegabyteMessageParses() {
    StringBuilder sb = new StringBuilder(52 << 20);
    sb.append("From: Ann <ann@example.com>\nSubject: [PATCH] huge\nMessage-Id: <huge@x>\n\nBig.\n---\n");
    int lines = 50 << 20 >> 6;
    sb.append("--- a/big\n+++ b/big\n@@ -0,0 +1,").append(lines).append(" @@\n");
    String line = "+" + "0123456789".repeat(6) + "xx\n";
    for (int i = 0; i < lines; i++) {
      sb.append(line);
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
    sb = null;
    assertTrue(bytes.length > 50_000_000);
    ParsedMail.Patch p = (ParsedMail.Patch) parse(bytes);
    assertEquals(40, p.hash().length());
    assertEquals("Big.\n---", p.content());
  }

  @Test
  void deeplyNestedMimeIsBounded() {
    StringBuilder sb = new StringBuilder("From: a@b.com\nSubject: x\nMessage-Id: <deep@x>\n");
    int depth = 5000;
    for (int i = 0; i < depth; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
    }
    sb.append("Content-Type: text/plain\n\ninnermost\n");
    ParsedMail m = parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
    StringBuilder rfc822 = new StringBuilder("From: a@b.com\nSubject: x\nMessage-Id: <deep2@x>\n");
    for (int i = 0; i < depth; i++) {
      rfc822.append("Content-Type: message/rfc822\n\n");
    }
    rfc822.append("Subject: inner\n\ntext\n");
    parse(rfc822.toString().getBytes(StandardCharsets.US_ASCII));
    assertNotNull(m);
  }

  @Test
  void hundredThousandHeadersAreBounded() {
    StringBuilder sb = new StringBuilder("From: Ann <ann@example.com>\nSubject: [PATCH] x\nMessage-Id: <many@x>\n");
    for (int i = 0; i < 100_000; i++) {
      sb.append("X-Junk-").append(i).append(": value ").append(i).append('\n');
    }
    sb.append("\nmsg\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n");
    ParsedMail.Patch p = (ParsedMail.Patch) parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
    assertEquals("limits", p.envelope().warnings().get(0).ruleId());
  }

  @Test
  void hostileHeaderValuesAreLinear() {
    String big = "a at ".repeat(20_000);
    String mail = "From: " + big + "(x\nSubject: " + "[".repeat(50_000) + "x\nMessage-Id: " + "<".repeat(50_000)
        + "\nReferences: " + "<a> ".repeat(20_000) + "\n\n" + "=?utf-8?q?".repeat(10_000) + "\n";
    long t = System.nanoTime();
    ParsedMail m = parse(mail.getBytes(StandardCharsets.US_ASCII));
    assertTrue(System.nanoTime() - t < 20_000_000_000L, "took too long");
    assertInstanceOf(ParsedMail.class, m);
  }

  @Test
  void pullRequestSearchIsLinear() {
    String body = "are available in the git repository at:\n" + "The following changes since commit x\n".repeat(200_000);
    long t = System.nanoTime();
    parse(("From: a@b.com\nSubject: [GIT PULL] x\nMessage-Id: <pull@x>\n\n" + body).getBytes(StandardCharsets.US_ASCII));
    assertTrue(System.nanoTime() - t < 20_000_000_000L, "took too long");
  }

  @Test
  void oneLongLineWithoutNewlineParses() {
    byte[] b = new byte[5 << 20];
    Arrays.fill(b, (byte) 'x');
    parse(concat("From: a@b.com\nSubject: x\n\n".getBytes(StandardCharsets.US_ASCII), b));
    parse(b);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
