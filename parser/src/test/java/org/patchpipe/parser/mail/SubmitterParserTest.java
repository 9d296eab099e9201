package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.Submitter;

/** R3.1 From parsing and validation, R3.3 DMARC un-mangling. */
class SubmitterParserTest {
  private static Submitter from(String cleaned) {
    return SubmitterParser.parse(cleaned).orElse(null);
  }

  @Test
  void r31Table() {
    assertEquals(new Submitter("Doe, John", "j@x.com"), from("\"Doe, John\" <j@x.com>"));
    assertEquals(new Submitter("John \"JD\" Doe", "j@x.com"), from("John \"JD\" Doe <j@x.com>"));
    assertEquals(new Submitter("'Single'", "j@x.com"), from("'Single' <j@x.com>"));
    assertEquals(new Submitter("", "j@x.com"), from("<j@x.com>"));
    assertEquals(new Submitter("John Doe", "j@x.com"), from("j@x.com (John Doe)"));
    assertEquals(new Submitter("John", "john@x.com"), from("john at x.com (John)"));
    assertEquals(new Submitter(null, "J@X.COM"), from("J@X.COM"));
    assertEquals(new Submitter("Name", "j@x.com"), from("Name <j@x.com> (comment)"));
  }

  @Test
  void r31InvalidAddresses() {
    for (String bad : List.of("o'brien@x.com", "j@localhost", "Name < j@x.com >", "a, b@x.com", "", "j@-x.com", "j..k@x.com", "j@x..com")) {
      assertTrue(SubmitterParser.parse(bad).isEmpty(), bad);
    }
    assertEquals(new Submitter(null, "j\u00f6rg@x.com"), from("j\u00f6rg@x.com"));
  }

  @Test
  void r31LongAddressIsValidatedInLinearTime() {
    String local = "a".repeat(200_000);
    long t = System.nanoTime();
    assertTrue(SubmitterParser.parse(local + "@" + "b-".repeat(100_000) + "!").isEmpty());
    assertTrue(System.nanoTime() - t < 5_000_000_000L);
  }

  private static MailHeaders headers(String... nameValue) {
    java.util.List<MailHeader> h = new java.util.ArrayList<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      h.add(new MailHeader(nameValue[i], nameValue[i + 1]));
    }
    return new MailHeaders(h);
  }

  @Test
  void r33MailmanViaUsesReplyToOrCc() {
    Submitter s = from("Existing Sender via List <list@example.com>");
    Submitter out =
        SubmitterParser.unmangle(
            s, "list@example.com",
            headers("Reply-To", "Someone <s@x.com>, Existing Sender <sender@example.com>", "Cc", "x@y.com"));
    assertEquals(new Submitter("Existing Sender", "sender@example.com"), out);
  }

  @Test
  void r33GoogleViaUsesXOriginalFrom() {
    Submitter s = from("'Existing Sender' via List <LIST@example.com>");
    Submitter out =
        SubmitterParser.unmangle(s, "list@example.com", headers("X-Original-From", "Other Name <sender@example.com>"));
    assertEquals(new Submitter("Existing Sender", "sender@example.com"), out);
  }

  @Test
  void r33OtherAddressesAndNoMatchAreKept() {
    Submitter s = from("Someone <s@x.com>");
    assertEquals(s, SubmitterParser.unmangle(s, "list@example.com", headers()));
    Submitter list = from("Sender via List <list@example.com>");
    assertEquals(list, SubmitterParser.unmangle(list, "list@example.com", headers("Cc", "Other <o@x.com>")));
  }

  @Test
  void r33NameWithoutViaMatchesFirstNamelessAddressAsPatchworkDoes() {
    // R13.4: Patchwork's misattribution, kept: stripped name is null and equals a nameless piece.
    Submitter s = from("Plain Name <list@example.com>");
    Submitter out = SubmitterParser.unmangle(s, "list@example.com", headers("Cc", "nameless@x.com, Plain Name <p@x.com>"));
    assertEquals(new Submitter(null, "nameless@x.com"), out);
  }
}
