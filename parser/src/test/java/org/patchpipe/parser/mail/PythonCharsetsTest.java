package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PythonCharsetsTest {
  @Test
  void aliasesResolveAsPythonDoes() {
    assertEquals("iso8859-1", PythonCharsets.lookup("latin1").orElseThrow().name());
    assertEquals("iso8859-1", PythonCharsets.lookup("Latin-1").orElseThrow().name());
    assertTrue(PythonCharsets.lookup("latin_2").isEmpty());
    assertEquals("iso8859-2", PythonCharsets.lookupHeaderCharset("Latin_2").orElseThrow().name());
    assertEquals("iso8859-1", PythonCharsets.lookup("ISO_8859-1:1987").orElseThrow().name());
    assertEquals("utf-8", PythonCharsets.lookup("utf 8").orElseThrow().name());
    assertTrue(PythonCharsets.lookup("cp-1252").isEmpty());
    assertEquals("utf-8", PythonCharsets.lookup("UTF8").orElseThrow().name());
    assertEquals("utf-8", PythonCharsets.lookup("utf-8").orElseThrow().name());
    assertEquals("cp1252", PythonCharsets.lookup("windows-1252").orElseThrow().name());
    assertEquals("ascii", PythonCharsets.lookup("us-ascii").orElseThrow().name());
    assertEquals("iso8859-15", PythonCharsets.lookup("ISO-8859-15").orElseThrow().name());
    assertEquals("base64", PythonCharsets.lookup("base64").orElseThrow().name());
    assertTrue(PythonCharsets.lookup("none").isEmpty());
    assertTrue(PythonCharsets.lookup("x-unknown").isEmpty());
    assertTrue(PythonCharsets.lookup("unknown-8bit").isEmpty());
    assertTrue(PythonCharsets.lookup("utf-8*en").isEmpty());
  }

  @Test
  void windows1252RejectsItsFiveHoles() {
    for (int b : new int[] {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
      assertTrue(PythonCharsets.decode("windows-1252", new byte[] {'a', (byte) b}).isEmpty(), "byte " + b);
    }
    assertEquals(Optional.of("\u20ac"), PythonCharsets.decode("cp1252", new byte[] {(byte) 0x80}));
  }

  @Test
  void strictDecodingReportsErrors() {
    assertTrue(PythonCharsets.decode("utf-8", new byte[] {'c', (byte) 0xFF}).isEmpty());
    assertTrue(PythonCharsets.decode("ascii", new byte[] {(byte) 0xE9}).isEmpty());
    assertEquals(Optional.of("caf\u00e9"), PythonCharsets.decode("utf-8", "caf\u00e9".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.of("\u00ff"), PythonCharsets.decode("latin1", new byte[] {(byte) 0xFF}));
    assertFalse(PythonCharsets.decode("iso-8859-14", new byte[] {(byte) 0xA1}).isEmpty());
    assertTrue(PythonCharsets.decode("base64", "YQ==".getBytes(StandardCharsets.US_ASCII)).isEmpty());
  }
}
