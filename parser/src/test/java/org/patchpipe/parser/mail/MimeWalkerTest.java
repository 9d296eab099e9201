package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * R0.1: the header scan and MIME walk as CPython's feedparser does them. Each expectation was
 * checked against {@code email.message_from_binary_file} on CPython 3.11.
 */
class MimeWalkerTest {
  private static MimeMessage walk(String mail) {
    return MimeWalker.walk(mail.getBytes(StandardCharsets.ISO_8859_1), 1000, 32);
  }

  private static String types(MimeMessage m) {
    return m.parts().stream().map(p -> p.maintype() + "/" + p.subtype()).collect(Collectors.joining(" "));
  }

  private static String payload(MimePart p) {
    return new String(p.payload(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void headersRawValuesAndNames() {
    MimeMessage m = walk("From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject:  a\n\tb\nX-8: caf\u00e9\n: no name\nsubject: second\n\nbody\n");
    assertEquals("a\n\tb", m.headers().get("SUBJECT"));
    assertEquals(List.of("a\n\tb", "second"), m.headers().getAll("Subject").stream().map(MailHeader::value).collect(Collectors.toList()));
    assertTrue(m.headers().first("X-8").eightBit());
    assertEquals("caf\uFFFD", m.headers().first("X-8").text());
    assertEquals(3, m.headers().size());
    assertEquals("body\n", payload(m.parts().get(0)));
  }

  @Test
  void aNonHeaderLineStartsTheBody() {
    MimeMessage m = walk("Subject: x\nnot a header\nFrom: later\n");
    assertEquals(1, m.headers().size());
    assertEquals("not a header\nFrom: later\n", payload(m.parts().get(0)));
  }

  @Test
  void newlineBeforeABoundaryBelongsToTheBoundary() {
    MimeMessage m = walk("Content-Type: multipart/mixed; boundary=\"b\"\n\npre\n--b\n\none\n\n--b  \nContent-Type: text/x-patch\n\ntwo\n--b--\nepilogue\n");
    assertEquals("multipart/mixed text/plain text/x-patch", types(m));
    assertEquals("one\n", payload(m.parts().get(1)));
    assertEquals("two", payload(m.parts().get(2)));
  }

  @Test
  void nestedMessageLosesTheNewlineOfItsLastCreatedPart() {
    MimeMessage m = walk("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\nSubject: in\n\ninner\n--b\n\nafter\n--b--\n");
    assertEquals("multipart/mixed message/rfc822 text/plain text/plain", types(m));
    assertEquals("inner", payload(m.parts().get(2)));
    assertTrue(m.parts().get(1).container());
  }

  @Test
  void digestPartsDefaultToMessages() {
    MimeMessage m = walk("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n");
    assertEquals("multipart/digest message/rfc822 text/plain", types(m));
    assertEquals("one", m.parts().get(2).headers().get("Subject"));
  }

  @Test
  void multipartWithoutBoundaryOrStartIsALeaf() {
    MimeMessage noParam = walk("Content-Type: multipart/mixed\n\n--b\n\ntext\n");
    assertEquals(1, noParam.parts().size());
    assertFalse(noParam.parts().get(0).container());
    MimeMessage noStart = walk("Content-Type: multipart/mixed; boundary=zz\n\n--b\n\ntext\n");
    assertEquals(1, noStart.parts().size());
  }

  @Test
  void invalidContentTypeIsTextPlainAndParametersAreLenient() {
    MimeMessage m = walk("Content-Type: text\n\nx");
    assertEquals("text/plain", types(m));
    MimeMessage q = walk("Content-Type: TEXT/Plain; Charset=\"UTF-8\"; name=\"a;b\"\n\nx");
    assertEquals("utf-8", q.parts().get(0).charset());
  }

  @Test
  void depthIsLimited() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append("Content-Type: message/rfc822\n\n");
    }
    sb.append("Subject: deep\n\ntext\n");
    MimeMessage m = MimeWalker.walk(sb.toString().getBytes(StandardCharsets.US_ASCII), 1000, 10);
    assertTrue(m.depthLimited());
    assertEquals(11, m.parts().size());
  }

  @Test
  void transferEncodingsAreDecodedLeniently() {
    assertEquals("hello", payload(walk("Content-Transfer-Encoding: base64\n\naGVs\nbG8\n").parts().get(0)));
    assertEquals("hello", payload(walk("Content-Transfer-Encoding: base64\n\naGVs!!bG8=\n").parts().get(0)));
    assertEquals("caf\u00e9 soft", payload(walk("Content-Transfer-Encoding: quoted-printable\n\ncaf=E9 so=\nft").parts().get(0)));
    assertEquals("Cat", payload(walk("Content-Transfer-Encoding: x-uuencode\n\nbegin 644 cat.txt\n#0V%T\n`\nend\n").parts().get(0)));
    assertEquals("a", payload(walk("Content-Transfer-Encoding: base64\n\nYQ\n").parts().get(0)));
  }
}
