package org.patchpipe.store.api.xmlrpc;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes an XML-RPC {@code <methodCall>} (and, for clients, a {@code <methodResponse>})
 * strictly, on the JDK's own StAX parser with DTDs and external entities off, so a document with a
 * {@code <!DOCTYPE>} (the carrier of XXE and "billion laughs") is refused before any entity is read.
 *
 * <pre>{@code
 * MethodCall call = XmlRpcReader.read(body);   // or XmlRpcFault
 * }</pre>
 *
 * <p>The types map as Python's {@code xmlrpc.client} reads them: {@code int}, {@code i4} and
 * {@code i8} to {@link Long}; {@code boolean} (only {@code 0} or {@code 1}) to {@link Boolean};
 * {@code string} and an untyped value to {@link String}; {@code double} to {@link Double};
 * {@code dateTime.iso8601} ({@code 20250102T03:04:05}) to {@link LocalDateTime}; {@code base64}
 * to {@code byte[]}; {@code struct} to an ordered {@link Map} (a repeated name keeps the last
 * value, as in a Python dict); {@code array} to a {@link List}; {@code nil} (which pwclient sends,
 * its proxy allowing None) to null. Anything else, text where an element belongs, or nesting
 * deeper than {@link #MAX_DEPTH}, is a {@link XmlRpcFault#malformed} fault. Stateless.
 */
public final class XmlRpcReader {
  /** Arrays and structs nest at most this deep; Patchwork's calls nest two levels. */
  static final int MAX_DEPTH = 32;
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,19}");
  private static final Pattern DOUBLE = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?");
  private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");

  private XmlRpcReader() {}

  private static XMLInputFactory factory() {
    // The JDK's implementation, whatever else is on the class path: no DTD, no external entity,
    // nothing fetched. One per document, as a factory is not promised to be thread-safe.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  /**
   * The call in {@code body}.
   *
   * @throws XmlRpcFault if the body is not a well-formed, DTD-free XML-RPC method call
   */
  public static MethodCall read(byte[] body) {
    return parse(body, xml -> {
      expectStart(xml, "methodCall");
      expectStart(xml, "methodName");
      String method = text(xml).strip();
      List<Object> params = new ArrayList<>();
      if (nextTag(xml) == XMLStreamConstants.START_ELEMENT) {
        requireName(xml, "params");
        while (nextTag(xml) == XMLStreamConstants.START_ELEMENT) {
          requireName(xml, "param");
          expectStart(xml, "value");
          params.add(value(xml, 1));
          expectEnd(xml, "param");
        }
        requireName(xml, "params");
        expectEnd(xml, "methodCall");
      } else {
        requireName(xml, "methodCall");
      }
      return new MethodCall(method, params);
    });
  }

  /**
   * The result in a {@code <methodResponse>}, for a client of this codec (tests, tools).
   *
   * @throws XmlRpcFault the fault the response carries, or {@link XmlRpcFault#malformed} if it is none
   */
  public static Object readResponse(byte[] body) {
    Response response = parse(body, xml -> {
      expectStart(xml, "methodResponse");
      if (nextTag(xml) != XMLStreamConstants.START_ELEMENT) {
        throw XmlRpcFault.malformed("expected <params> or <fault>");
      }
      boolean isFault = xml.getLocalName().equals("fault");
      if (!isFault) {
        requireName(xml, "params");
        expectStart(xml, "param");
      }
      expectStart(xml, "value");
      Object value = value(xml, 1);
      expectEnd(xml, isFault ? "fault" : "param");
      if (!isFault) {
        expectEnd(xml, "params");
      }
      expectEnd(xml, "methodResponse");
      return new Response(value, isFault);
    });
    if (!response.fault()) {
      return response.value();
    }
    if (!(response.value() instanceof Map<?, ?> f) || !(f.get("faultCode") instanceof Long code)
        || !(f.get("faultString") instanceof String text)) {
      throw XmlRpcFault.malformed("a fault without faultCode and faultString");
    }
    throw XmlRpcFault.received(code.intValue(), text);
  }

  /** A response's value, and whether it is a fault's. */
  private record Response(Object value, boolean fault) {}

  /** Reads the document element of a whole document. */
  @FunctionalInterface
  private interface Document<T> {
    T read(XMLStreamReader xml) throws XMLStreamException;
  }

  private static <T> T parse(byte[] body, Document<T> document) {
    XMLStreamReader xml = null;
    try {
      xml = factory().createXMLStreamReader(new ByteArrayInputStream(body));
      T read = document.read(xml);
      if (nextTag(xml) != XMLStreamConstants.END_DOCUMENT) {
        throw XmlRpcFault.malformed("junk after document element");
      }
      return read;
    } catch (XMLStreamException e) {
      throw XmlRpcFault.malformed(e.getMessage().replace('\n', ' '));
    } finally {
      close(xml);
    }
  }

  /** Reads the content of a {@code <value>} whose start tag was just read, through its end tag. */
  private static Object value(XMLStreamReader xml, int depth) throws XMLStreamException {
    if (depth > MAX_DEPTH) {
      throw XmlRpcFault.malformed("values nest deeper than " + MAX_DEPTH + " levels");
    }
    StringBuilder untyped = new StringBuilder();
    if (characters(xml, untyped) == XMLStreamConstants.END_ELEMENT) {
      return untyped.toString();
    }
    if (!untyped.toString().isBlank()) {
      throw XmlRpcFault.malformed("text before the type of a value");
    }
    Object typed = typed(xml, depth);
    expectEnd(xml, "value");
    return typed;
  }

  /** Reads one typed value whose start tag ({@code <int>}, {@code <struct>}, ...) was just read. */
  private static Object typed(XMLStreamReader xml, int depth) throws XMLStreamException {
    String type = xml.getLocalName();
    switch (type) {
      case "int":
      case "i4":
      case "i8":
        return integer(text(xml).strip());
      case "boolean":
        String b = text(xml).strip();
        if (!b.equals("0") && !b.equals("1")) {
          throw XmlRpcFault.typeError("bad boolean value");
        }
        return b.equals("1");
      case "string":
        return text(xml);
      case "double":
        String d = text(xml).strip();
        if (!DOUBLE.matcher(d).matches()) {
          throw XmlRpcFault.malformed("bad double value: " + d);
        }
        return Double.parseDouble(d);
      case "dateTime.iso8601":
        String t = text(xml).strip();
        try {
          return LocalDateTime.parse(t, ISO8601);
        } catch (DateTimeParseException e) {
          throw XmlRpcFault.malformed("bad dateTime.iso8601 value: " + t);
        }
      case "base64":
        try {
          return Base64.getDecoder().decode(text(xml).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
          throw XmlRpcFault.of("binascii.Error", "Incorrect padding");
        }
      case "nil":
        expectEndOfEmpty(xml);
        return null;
      case "array":
        return array(xml, depth);
      case "struct":
        return struct(xml, depth);
      default:
        throw XmlRpcFault.of("xmlrpc.client.ResponseError", "ResponseError(\"unknown tag '" + type + "'\")");
    }
  }

  private static Long integer(String text) {
    if (!INTEGER.matcher(text).matches()) {
      throw XmlRpcFault.of("ValueError", "invalid literal for int() with base 10: '" + text + "'");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw XmlRpcFault.of("OverflowError", "int exceeds XML-RPC limits");
    }
  }

  private static List<Object> array(XMLStreamReader xml, int depth) throws XMLStreamException {
    List<Object> items = new ArrayList<>();
    expectStart(xml, "data");
    while (nextTag(xml) == XMLStreamConstants.START_ELEMENT) {
      requireName(xml, "value");
      items.add(value(xml, depth + 1));
    }
    requireName(xml, "data");
    expectEnd(xml, "array");
    return items;
  }

  private static Map<String, Object> struct(XMLStreamReader xml, int depth) throws XMLStreamException {
    Map<String, Object> members = new LinkedHashMap<>();
    while (nextTag(xml) == XMLStreamConstants.START_ELEMENT) {
      requireName(xml, "member");
      expectStart(xml, "name");
      String name = text(xml);
      expectStart(xml, "value");
      members.put(name, value(xml, depth + 1));
      expectEnd(xml, "member");
    }
    requireName(xml, "struct");
    return members;
  }

  /** The text of the element whose start tag was just read; a child element is refused. */
  private static String text(XMLStreamReader xml) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    if (characters(xml, text) != XMLStreamConstants.END_ELEMENT) {
      throw unexpected(xml, XMLStreamConstants.START_ELEMENT);
    }
    return text.toString();
  }

  /**
   * Appends the character data up to the next start or end tag, skipping comments and processing
   * instructions; returns which tag ended it. Anything else (a DTD, an entity) is refused.
   */
  private static int characters(XMLStreamReader xml, StringBuilder text) throws XMLStreamException {
    while (true) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          text.append(xml.getText());
          break;
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          break;
        case XMLStreamConstants.START_ELEMENT:
        case XMLStreamConstants.END_ELEMENT:
          return event;
        default:
          throw unexpected(xml, event);
      }
    }
  }

  private static void expectEndOfEmpty(XMLStreamReader xml) throws XMLStreamException {
    if (!text(xml).isBlank()) {
      throw XmlRpcFault.malformed("text in <nil>");
    }
  }

  /**
   * The next start tag, end tag or end of document, skipping whitespace, comments and processing
   * instructions; other text, and any DTD, is refused.
   */
  private static int nextTag(XMLStreamReader xml) throws XMLStreamException {
    while (true) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
        case XMLStreamConstants.END_ELEMENT:
        case XMLStreamConstants.END_DOCUMENT:
          return event;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.SPACE:
          if (!xml.isWhiteSpace()) {
            throw XmlRpcFault.malformed("unexpected text '" + abbreviate(xml.getText().strip()) + "'");
          }
          break;
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          break;
        default:
          throw unexpected(xml, event);
      }
    }
  }

  private static void expectStart(XMLStreamReader xml, String name) throws XMLStreamException {
    if (nextTag(xml) != XMLStreamConstants.START_ELEMENT) {
      throw XmlRpcFault.malformed("expected <" + name + ">");
    }
    requireName(xml, name);
  }

  private static void expectEnd(XMLStreamReader xml, String name) throws XMLStreamException {
    if (nextTag(xml) != XMLStreamConstants.END_ELEMENT) {
      throw XmlRpcFault.malformed("expected </" + name + ">");
    }
    requireName(xml, name);
  }

  private static void requireName(XMLStreamReader xml, String name) {
    if (!xml.getLocalName().equals(name)) {
      throw XmlRpcFault.malformed("expected <" + name + ">, found <" + abbreviate(xml.getLocalName()) + ">");
    }
  }

  private static XmlRpcFault unexpected(XMLStreamReader xml, int event) {
    if (event == XMLStreamConstants.DTD) {
      return XmlRpcFault.malformed("a document type declaration is not allowed");
    }
    if (event == XMLStreamConstants.ENTITY_REFERENCE) {
      return XmlRpcFault.malformed("undefined entity &" + abbreviate(xml.getLocalName()) + ";");
    }
    return XmlRpcFault.malformed("unexpected " + (event == XMLStreamConstants.START_ELEMENT
        ? "<" + abbreviate(xml.getLocalName()) + ">" : "XML event " + event));
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static void close(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // nothing was held but the in-memory body
      }
    }
  }
}
