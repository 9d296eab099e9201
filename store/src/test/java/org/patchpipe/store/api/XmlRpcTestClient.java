package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpipe.store.api.xmlrpc.XmlRpcFault;
import org.patchpipe.store.api.xmlrpc.XmlRpcReader;
import org.patchpipe.store.api.xmlrpc.XmlRpcWriter;

/**
 * Calls {@code /xmlrpc/} of an {@link ApiFixture} as pwclient's proxy does (None allowed in
 * calls), asserting the HTTP answer is 200 {@code text/xml}: results come back as the codec reads
 * them, faults as {@link XmlRpcFault}.
 */
final class XmlRpcTestClient {
  private static final XmlRpcWriter CALLS = new XmlRpcWriter(true);
  private final ApiFixture api;

  XmlRpcTestClient(ApiFixture api) {
    this.api = api;
  }

  /** POSTs {@code body} as it is, with this {@code Authorization} header (null: none). */
  HttpResponse<byte[]> post(byte[] body, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url("/xmlrpc/")))
        .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return api.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The result of {@code method(params)}; throws the fault it answers. */
  Object callAs(String authorization, String method, Object... params) throws Exception {
    HttpResponse<byte[]> r = post(CALLS.call(method, Arrays.asList(params)), authorization);
    assertEquals(200, r.statusCode());
    assertEquals("text/xml; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    return XmlRpcReader.readResponse(r.body());
  }

  /** The fault string {@code method(params)} answers; fails if it answers a result. */
  String faultAs(String authorization, String method, Object... params) {
    return assertThrows(XmlRpcFault.class, () -> callAs(authorization, method, params)).faultString();
  }

  /** An ordered struct from alternating keys and values. */
  static Map<String, Object> dict(Object... keyValues) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      d.put((String) keyValues[i], keyValues[i + 1]);
    }
    return d;
  }

  /** The dict with its bytes values as text, as pwclient's {@code _decode_patch} reads them. */
  static Map<Object, Object> decoded(Map<?, ?> dict) {
    Map<Object, Object> out = new LinkedHashMap<>();
    dict.forEach((k, v) -> out.put(k, v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v));
    return out;
  }
}
