package org.patchpipe.store.api.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.owasp.encoder.Encode;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /xmlrpc/}: Patchwork's XML-RPC view and dispatcher. {@code POST} runs one call and answers
 * 200 with its result or a fault, never an HTTP error: a body that is no XML-RPC call, an unknown
 * method, wrong arguments, a refused login and a failing database are all faults, as Patchwork's
 * dispatcher turns every exception into one. {@code GET} answers the method list; other methods
 * are redirected to {@code /}, as Patchwork redirects them to its project list.
 *
 * <pre>{@code
 * XmlRpcEndpoint xmlrpc = new XmlRpcEndpoint(db, authenticator);
 * ApiResponse answer = xmlrpc.serve("POST", request.getFirst("Authorization"), () -> body);
 * }</pre>
 *
 * <p>Methods that write ({@code patch_set}, {@code check_create}) need HTTP Basic credentials,
 * checked by the REST API's {@link Authenticator} only when such a method is called (pwclient sends
 * them with every call), with Patchwork's fault strings: no header is "No authentication
 * credentials given", another scheme (a REST token) "Authentication scheme not supported", wrong
 * credentials "Invalid username/password".
 */
public final class XmlRpcEndpoint {
  /** The path Patchwork serves it at. */
  public static final String PATH = "/xmlrpc/";
  private static final Logger LOG = LoggerFactory.getLogger(XmlRpcEndpoint.class);

  private final Authenticator authenticator;
  private final Map<String, XmlRpcMethod> methods = new LinkedHashMap<>();

  public XmlRpcEndpoint(ApiDatabase db, Authenticator authenticator) {
    this.authenticator = authenticator;
    for (List<XmlRpcMethod> group : List.of(new DirectoryMethods(db).methods(), new PatchMethods(db).methods(),
        new CheckMethods(db).methods())) {
      group.forEach(m -> methods.put(m.name(), m));
    }
  }

  /**
   * Answers one request to {@link #PATH}.
   *
   * @param body reads the request body; may throw the server's {@link ApiException} (413) for one
   *     too large, which is answered as the server answers it
   */
  public ApiResponse serve(String method, String authorization, Supplier<byte[]> body) {
    if (method.equals("GET")) {
      return documentation();
    }
    if (!method.equals("POST")) {
      return ApiResponse.redirect("/");
    }
    byte[] request = body.get();
    return new ApiResponse(200, Map.of("Content-Type", "text/xml; charset=utf-8"), answer(request, authorization));
  }

  private byte[] answer(byte[] request, String authorization) {
    try {
      MethodCall call = XmlRpcReader.read(request);
      XmlRpcMethod method = methods.get(call.method());
      if (method == null) {
        throw XmlRpcFault.exception("method \"" + call.method() + "\" is not supported");
      }
      ApiUser user = method.loginRequired() ? login(authorization) : null;
      return XmlRpcWriter.PATCHWORK.response(method.call(user, call.params()));
    } catch (XmlRpcFault fault) {
      return XmlRpcWriter.PATCHWORK.fault(fault);
    } catch (ApiDatabase.StoreAccessException e) {
      return XmlRpcWriter.PATCHWORK.fault(databaseFault(e));
    } catch (RuntimeException e) {
      // Patchwork reports any exception as a fault; so does this, but it is a bug here: log it.
      LOG.error("XML-RPC call failed", e);
      return XmlRpcWriter.PATCHWORK.fault(
          XmlRpcFault.exception("internal error (" + e.getClass().getSimpleName() + ")"));
    }
  }

  /** Patchwork's {@code _user_for_request}, with the REST API's password check. */
  private ApiUser login(String authorization) {
    if (authorization == null || authorization.isEmpty()) {
      throw XmlRpcFault.exception("No authentication credentials given");
    }
    String header = authorization.strip();
    if (!header.startsWith("Basic ")) {
      throw XmlRpcFault.exception("Authentication scheme not supported");
    }
    Optional<ApiUser> user;
    try {
      user = authenticator.authenticate(header);
    } catch (ApiException e) {
      if (e.status() == 429) {
        throw XmlRpcFault.exception(e.getMessage());
      }
      throw XmlRpcFault.exception("Invalid username/password");
    }
    return user.orElseThrow(() -> XmlRpcFault.exception("Invalid username/password"));
  }

  /**
   * A value PostgreSQL refuses (a NUL in a string, say) is the caller's; anything else is the
   * store's, logged. Neither fault carries the SQL message.
   */
  private static XmlRpcFault databaseFault(ApiDatabase.StoreAccessException e) {
    if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
      return XmlRpcFault.of("django.db.utils.DataError", "invalid value");
    }
    LOG.error("XML-RPC call failed in the database", e);
    return XmlRpcFault.of("django.db.utils.OperationalError", "the database is unavailable");
  }

  /** The method list, in place of the documentation Python's {@code XMLRPCDocGenerator} writes. */
  private ApiResponse documentation() {
    StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\">\n<head>\n"
        + "  <title>Patchwork XML-RPC API v1 Documentation</title>\n</head>\n<body>\n"
        + "  <h1>Patchwork XML-RPC API</h1>\n  <ul>\n");
    for (XmlRpcMethod m : methods.values()) {
      List<String> params = m.signature().params();
      html.append("    <li><code>").append(Encode.forHtml(m.name())).append('(')
          .append(Encode.forHtml(String.join(", ", m.loginRequired() ? params.subList(1, params.size()) : params)))
          .append(")</code>").append(m.loginRequired() ? " (HTTP Basic login required)" : "").append("</li>\n");
    }
    html.append("  </ul>\n</body>\n</html>\n");
    return new ApiResponse(200, Map.of("Content-Type", "text/html; charset=utf-8"),
        html.toString().getBytes(StandardCharsets.UTF_8));
  }
}
