package org.patchpipe.store.api.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@code <methodResponse>} byte for byte as Python's {@code xmlrpc.client.dumps} does
 * (same layout, same escaping), so pwclient reads exactly what Patchwork would send.
 *
 * <pre>{@code
 * byte[] ok = XmlRpcWriter.PATCHWORK.response(Map.of("id", 1L));
 * byte[] failed = XmlRpcWriter.PATCHWORK.fault(XmlRpcFault.exception("No permissions to edit this patch"));
 * }</pre>
 *
 * <p>Java values map to XML-RPC types: {@link Integer} and {@link Long} to {@code int} (outside 32
 * bits is Python's {@code OverflowError}), {@link Boolean}, {@link String}, {@link Double},
 * {@code byte[]} to {@code base64} (how Python marshals {@code bytes}, which Patchwork sends for
 * its {@code str(...).encode()} fields), {@link LocalDateTime}, {@link Map} (string keys) to
 * {@code struct}, {@link List} to {@code array}; null only where nil is allowed. Patchwork's
 * dispatcher disallows nil ({@code allow_none=False}), so a None in its answer is a fault there and
 * here. XML 1.0 cannot carry most control characters; Python sends them raw and its own client then
 * fails on the answer, so they are sent here as U+FFFD instead. Immutable.
 *
 * @param allowNone whether null is sent as {@code <nil/>} rather than refused
 */
public record XmlRpcWriter(boolean allowNone) {
  /** The writer of Patchwork's dispatcher. */
  public static final XmlRpcWriter PATCHWORK = new XmlRpcWriter(false);

  private static final String HEADER = "<?xml version='1.0'?>\n<methodResponse>\n";
  private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");

  /**
   * The answer carrying {@code result}.
   *
   * @throws XmlRpcFault if {@code result} holds a value XML-RPC cannot carry (Python's faults)
   */
  public byte[] response(Object result) {
    StringBuilder out = new StringBuilder(HEADER).append("<params>\n<param>\n");
    value(out, result);
    out.append("</param>\n</params>\n</methodResponse>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code <methodCall>}, as Python's {@code dumps(params, method)} writes it, for a client of this codec. */
  public byte[] call(String method, List<?> params) {
    StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
    escape(out, method);
    out.append("</methodName>\n<params>\n");
    for (Object param : params) {
      out.append("<param>\n");
      value(out, param);
      out.append("</param>\n");
    }
    out.append("</params>\n</methodCall>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code <fault>} answer. */
  public byte[] fault(XmlRpcFault fault) {
    StringBuilder out = new StringBuilder(HEADER).append("<fault>\n");
    value(out, Map.of("faultCode", fault.code(), "faultString", fault.faultString()),
        List.of("faultCode", "faultString"));
    out.append("</fault>\n</methodResponse>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void value(StringBuilder out, Object v) {
    if (v == null) {
      if (!allowNone) {
        throw XmlRpcFault.typeError("cannot marshal None unless allow_none is enabled");
      }
      out.append("<value><nil/></value>");
    } else if (v instanceof Boolean b) {
      out.append("<value><boolean>").append(b ? '1' : '0').append("</boolean></value>\n");
    } else if (v instanceof Integer || v instanceof Long) {
      long n = ((Number) v).longValue();
      if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
        throw XmlRpcFault.of("OverflowError", "int exceeds XML-RPC limits");
      }
      out.append("<value><int>").append(n).append("</int></value>\n");
    } else if (v instanceof Double d) {
      out.append("<value><double>").append(pythonRepr(d)).append("</double></value>\n");
    } else if (v instanceof String s) {
      out.append("<value><string>");
      escape(out, s);
      out.append("</string></value>\n");
    } else if (v instanceof byte[] bytes) {
      out.append("<value><base64>\n").append(encodeBytes(bytes)).append("</base64></value>\n");
    } else if (v instanceof LocalDateTime t) {
      out.append("<value><dateTime.iso8601>").append(ISO8601.format(t)).append("</dateTime.iso8601></value>\n");
    } else if (v instanceof List<?> list) {
      out.append("<value><array><data>\n");
      for (Object item : list) {
        value(out, item);
      }
      out.append("</data></array></value>\n");
    } else if (v instanceof Map<?, ?> map) {
      value(out, map, map.keySet());
    } else {
      throw XmlRpcFault.typeError("cannot marshal " + v.getClass().getSimpleName() + " objects");
    }
  }

  private void value(StringBuilder out, Map<?, ?> map, Iterable<?> keys) {
    out.append("<value><struct>\n");
    for (Object key : keys) {
      if (!(key instanceof String name)) {
        throw XmlRpcFault.typeError("dictionary key must be string");
      }
      out.append("<member>\n<name>");
      escape(out, name);
      out.append("</name>\n");
      value(out, map.get(key));
      out.append("</member>\n");
    }
    out.append("</struct></value>\n");
  }

  /** Python's {@code base64.encodebytes}: lines of 76 characters, each ending in a newline. */
  private static String encodeBytes(byte[] bytes) {
    String encoded = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes);
    return encoded.isEmpty() ? "" : encoded + "\n";
  }

  /** Python's {@code repr(float)} for the finite values a client can send back. */
  private static String pythonRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
  }

  /** Python's {@code xmlrpc.client.escape} ({@code &}, {@code <}, {@code >}), plus what XML 1.0 cannot hold. */
  private static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        default:
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (allowedInXml(c)) {
            out.append(c);
          } else {
            out.append('\uFFFD');
          }
      }
    }
  }

  private static boolean allowedInXml(char c) {
    return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
  }
}
