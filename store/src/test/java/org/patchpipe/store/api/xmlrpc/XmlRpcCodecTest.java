package org.patchpipe.store.api.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codec against what Python's {@code xmlrpc.client} writes and reads (the expected texts are
 * Python 3's {@code dumps} output), and against hostile documents: DTDs, external entities, entity
 * expansion, deep nesting, bad values.
 */
class XmlRpcCodecTest {

  private static MethodCall read(String xml) {
    return XmlRpcReader.read(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String faultOf(String xml) {
    return assertThrows(XmlRpcFault.class, () -> read(xml)).faultString();
  }

  @Test
  void readsEveryTypeAsPythonWritesThem() {
    // xmlrpc.client.dumps(({'max_count': 5, 'name__icontains': 'x', 'archived': True}, None, 1.5,
    //     DateTime('20250102T03:04:05'), Binary(b'hi'), [], {}), 'patch_list', allow_none=True)
    MethodCall call = read("<?xml version='1.0'?>\n<methodCall>\n<methodName>patch_list</methodName>\n<params>\n"
        + "<param>\n<value><struct>\n<member>\n<name>max_count</name>\n<value><int>5</int></value>\n</member>\n"
        + "<member>\n<name>name__icontains</name>\n<value><string>x</string></value>\n</member>\n<member>\n"
        + "<name>archived</name>\n<value><boolean>1</boolean></value>\n</member>\n</struct></value>\n</param>\n"
        + "<param>\n<value><nil/></value></param>\n<param>\n<value><double>1.5</double></value>\n</param>\n"
        + "<param>\n<value><dateTime.iso8601>20250102T03:04:05</dateTime.iso8601></value>\n</param>\n<param>\n"
        + "<value><base64>\naGk=\n</base64></value>\n</param>\n<param>\n<value><array><data>\n</data></array></value>\n"
        + "</param>\n<param>\n<value><struct>\n</struct></value>\n</param>\n</params>\n</methodCall>\n");
    assertEquals("patch_list", call.method());
    assertEquals(7, call.params().size());
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("max_count", 5L);
    filter.put("name__icontains", "x");
    filter.put("archived", true);
    assertEquals(filter, call.params().get(0));
    assertEquals(List.copyOf(filter.keySet()), List.copyOf(((Map<?, ?>) call.params().get(0)).keySet()));
    assertNull(call.params().get(1));
    assertEquals(1.5, call.params().get(2));
    assertEquals(LocalDateTime.of(2025, 1, 2, 3, 4, 5), call.params().get(3));
    assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), (byte[]) call.params().get(4));
    assertEquals(List.of(), call.params().get(5));
    assertEquals(Map.of(), call.params().get(6));
  }

  @Test
  void writesCallsAsPythonAndReadsThemBack() {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("max_count", 5L);
    filter.put("archived", true);
    byte[] call = new XmlRpcWriter(true).call("patch_list", Arrays.asList(filter, null));
    // xmlrpc.client.dumps(({'max_count': 5, 'archived': True}, None), 'patch_list', allow_none=True)
    assertEquals("<?xml version='1.0'?>\n<methodCall>\n<methodName>patch_list</methodName>\n<params>\n<param>\n"
        + "<value><struct>\n<member>\n<name>max_count</name>\n<value><int>5</int></value>\n</member>\n<member>\n"
        + "<name>archived</name>\n<value><boolean>1</boolean></value>\n</member>\n</struct></value>\n</param>\n"
        + "<param>\n<value><nil/></value></param>\n</params>\n</methodCall>\n", new String(call, StandardCharsets.UTF_8));
    assertEquals(Arrays.asList(filter, null), XmlRpcReader.read(call).params());
  }

  @Test
  void untypedValuesAreStringsAndI4AndI8AreIntegers() {
    MethodCall call = read("<methodCall><methodName>m</methodName><params>"
        + "<param><value> plain &amp; text </value></param><param><value><i4>-7</i4></value></param>"
        + "<param><value><i8>4294967296</i8></value></param><param><value><string/></value></param>"
        + "<param><value></value></param></params></methodCall>");
    assertEquals(Arrays.asList(" plain & text ", -7L, 4294967296L, "", ""), call.params());
  }

  @Test
  void aCallWithoutParamsHasNone() {
    assertEquals(List.of(), read("<methodCall><methodName>pw_rpc_version</methodName></methodCall>").params());
    assertEquals(List.of(), read("<methodCall><methodName>x</methodName><params/></methodCall>").params());
  }

  @Test
  void writesResponsesByteForByteAsPython() {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("id", 1L);
    dict.put("name", "a<b&c>");
    dict.put("user", "J\u00f6rg".getBytes(StandardCharsets.UTF_8));
    dict.put("archived", false);
    dict.put("list", List.of(1L, true, "x"));
    assertEquals("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n<member>\n"
        + "<name>id</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>name</name>\n"
        + "<value><string>a&lt;b&amp;c&gt;</string></value>\n</member>\n<member>\n<name>user</name>\n"
        + "<value><base64>\nSsO2cmc=\n</base64></value>\n</member>\n<member>\n<name>archived</name>\n"
        + "<value><boolean>0</boolean></value>\n</member>\n<member>\n<name>list</name>\n<value><array><data>\n"
        + "<value><int>1</int></value>\n<value><boolean>1</boolean></value>\n<value><string>x</string></value>\n"
        + "</data></array></value>\n</member>\n</struct></value>\n</param>\n</params>\n</methodResponse>\n",
        new String(XmlRpcWriter.PATCHWORK.response(dict), StandardCharsets.UTF_8));
  }

  @Test
  void wrapsLongBase64AsPythonsEncodebytes() {
    byte[] hundred = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
    String xml = new String(XmlRpcWriter.PATCHWORK.response(hundred), StandardCharsets.UTF_8);
    assertTrue(xml.contains("<value><base64>\n" + "eHh4".repeat(19) + "\n" + "eHh4".repeat(14) + "eA==\n</base64></value>\n"),
        xml);
    assertArrayEquals(hundred, (byte[]) XmlRpcReader.readResponse(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writesFaultsAsPython() {
    XmlRpcFault fault = XmlRpcFault.exception("method \"nope\" is not supported");
    assertEquals("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
        + "<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n"
        + "<value><string>&lt;class 'Exception'&gt;:method \"nope\" is not supported</string></value>\n</member>\n"
        + "</struct></value>\n</fault>\n</methodResponse>\n",
        new String(XmlRpcWriter.PATCHWORK.fault(fault), StandardCharsets.UTF_8));
    XmlRpcFault back = assertThrows(XmlRpcFault.class, () -> XmlRpcReader.readResponse(XmlRpcWriter.PATCHWORK.fault(fault)));
    assertEquals(1, back.code());
    assertEquals(fault.faultString(), back.faultString());
  }

  @Test
  void noneIsAFaultUnlessAllowed() {
    Map<String, Object> withNone = new LinkedHashMap<>();
    withNone.put("diff", null);
    assertEquals("<class 'TypeError'>:cannot marshal None unless allow_none is enabled",
        assertThrows(XmlRpcFault.class, () -> XmlRpcWriter.PATCHWORK.response(withNone)).faultString());
    byte[] allowed = new XmlRpcWriter(true).response(withNone);
    assertTrue(new String(allowed, StandardCharsets.UTF_8).contains("<value><nil/></value>"));
    assertEquals(withNone, XmlRpcReader.readResponse(allowed));
  }

  @Test
  void integersOutside32BitsAreOverflowAsInPython() {
    assertEquals("<class 'OverflowError'>:int exceeds XML-RPC limits",
        assertThrows(XmlRpcFault.class, () -> XmlRpcWriter.PATCHWORK.response(1L << 31)).faultString());
  }

  @Test
  void roundTripsTextXmlCanHoldAndReplacesWhatItCannot() {
    String text = "tab\tnewline\n emoji \ud83d\ude00 <&> \u00e9";
    assertEquals(text, XmlRpcReader.readResponse(XmlRpcWriter.PATCHWORK.response(text)));
    assertEquals("form\ufffdfeed nul\ufffd", XmlRpcReader.readResponse(XmlRpcWriter.PATCHWORK.response("form\ffeed nul\0")));
  }

  @Test
  void refusesADoctypeSoNoEntityIsEverExpanded() {
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        + "<!ENTITY lol9 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n]>\n"
        + "<methodCall><methodName>project_list</methodName><params><param><value><string>&lol9;</string>"
        + "</value></param></params></methodCall>";
    String fault = faultOf(laughs);
    assertEquals("<class 'xml.parsers.expat.ExpatError'>:a document type declaration is not allowed", fault);
    assertFalse(fault.contains("lollol"), fault);
  }

  @Test
  void refusesExternalEntities(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<methodCall><methodName>project_list</methodName><params><param><value><string>&xxe;</string>"
        + "</value></param></params></methodCall>";
    String fault = faultOf(xxe);
    assertEquals("<class 'xml.parsers.expat.ExpatError'>:a document type declaration is not allowed", fault);
    assertFalse(fault.contains("TOP-SECRET"), fault);
    String parameterEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY % p SYSTEM \"" + secret.toUri()
        + "\"> %p;]>\n<methodCall><methodName>x</methodName></methodCall>";
    assertFalse(faultOf(parameterEntity).contains("TOP-SECRET"));
  }

  @Test
  void refusesAnUndeclaredEntity() {
    assertTrue(faultOf("<methodCall><methodName>&nope;</methodName></methodCall>").contains("ExpatError"));
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    int depth = XmlRpcReader.MAX_DEPTH + 1;
    String xml = "<methodCall><methodName>m</methodName><params><param><value>"
        + "<array><data><value>".repeat(depth) + "1" + "</value></data></array>".repeat(depth)
        + "</value></param></params></methodCall>";
    assertTrue(faultOf(xml).contains("nest deeper"), faultOf(xml));
    String within = "<methodCall><methodName>m</methodName><params><param><value>"
        + "<array><data><value>".repeat(depth - 2) + "1" + "</value></data></array>".repeat(depth - 2)
        + "</value></param></params></methodCall>";
    assertEquals(1, read(within).params().size());
  }

  @Test
  void refusesMalformedCallsWithFaults() {
    List<String> bad = List.of(
        "",
        "not xml",
        "<methodCall>",
        "<methodResponse><params/></methodResponse>",
        "<methodCall><params/></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><int>x</int></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><int>99999999999999999999</int></value>"
            + "</param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><boolean>2</boolean></value></param>"
            + "</params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><double>1e</double></value></param>"
            + "</params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><base64>@@@</base64></value></param>"
            + "</params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><dateTime.iso8601>yesterday"
            + "</dateTime.iso8601></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><bignum>1</bignum></value></param>"
            + "</params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value>x<int>1</int></value></param>"
            + "</params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><struct><member><value>1</value>"
            + "</member></struct></value></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><array><value>1</value></array></value>"
            + "</param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><param><value><nil>x</nil></value></param>"
            + "</params></methodCall>",
        "<methodCall><methodName>m</methodName></methodCall><methodCall/>",
        "<methodCall><methodName>m</methodName>text</methodCall>");
    for (String xml : bad) {
      XmlRpcFault fault = assertThrows(XmlRpcFault.class, () -> read(xml), xml);
      assertEquals(1, fault.code());
      assertTrue(fault.faultString().startsWith("<class '"), fault.faultString());
    }
  }
}
