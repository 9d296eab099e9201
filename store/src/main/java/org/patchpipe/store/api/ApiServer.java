package org.patchpipe.store.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.owasp.encoder.Encode;
import org.patchpipe.store.api.event.EventStream;
import org.patchpipe.store.api.xmlrpc.XmlRpcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patchwork's REST API 1.2 and its downloads over the store's database, on the JDK's HTTP server.
 *
 * <pre>{@code
 * try (ApiServer api = ApiServer.start(new ApiConfig("127.0.0.1", 8000, 16), dataSource)) {
 *   System.out.println(api.baseUrl() + "/api/1.2/");
 * }
 * }</pre>
 *
 * <p>Every route is declared in {@link ApiRoutes}. API routes are served
 * under {@code /api/1.2/} and under {@code /api/} (Patchwork's unversioned root); the older and
 * newer version prefixes {@code /api/1.0/} to {@code /api/1.4/} answer the same 1.2 shapes, which
 * clients of those versions read (they ignore keys they do not know); a route of a later version
 * ({@link Route#since}, e.g. 1.3's comment detail) is not found under older prefixes. Absolute links use the
 * request's Host header, as Patchwork's {@code build_absolute_uri} does. A path without its
 * trailing slash is redirected (301) to the slashed one, as Django's {@code APPEND_SLASH} does.
 *
 * <p>A streaming answer ({@link ApiResponse#streaming}, the event stream's Server-Sent Events) is
 * sent chunked and its open exchange handed to its {@link StreamBody}: the JDK server keeps the
 * connection open after the handler returns until the exchange is closed, so a subscriber holds
 * no request thread. {@link #close} ends those streams before it stops listening.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /**
   * Sent on every answer. The first four are what Patchwork's Django stack sends (SecurityMiddleware,
   * XFrameOptionsMiddleware); the policy allows nothing to load, run or frame, as JSON, mbox, diffs
   * and error pages need nothing. An answer may carry its own Content-Security-Policy instead: the
   * site's HTML pages need their stylesheet ({@code store.web.Templates#PAGE_POLICY}), and only
   * they set one.
   */
  private static final Map<String, String> SECURITY_HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "same-origin",
      "Cross-Origin-Opener-Policy", "same-origin",
      "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  /** The largest request body read (16 MiB); Patchwork's own writes are a few hundred bytes. */
  static final int MAX_BODY = 16 * 1024 * 1024;
  private static final Pattern API_PREFIX = Pattern.compile("^/api/(?:(1\\.[0-4])/)?(.*)$");

  private final HttpServer server;
  private final ExecutorService threads;
  private final Authenticator authenticator;
  private final List<Route> apiRoutes;
  private final List<Route> siteRoutes;
  private final XmlRpcEndpoint xmlrpc;
  private final EventStream events;

  private ApiServer(HttpServer server, ExecutorService threads, ApiDatabase db, int threadCount,
      EventStream.Config streams) {
    this.server = server;
    this.threads = threads;
    this.events = new EventStream(db, streams);
    // Password checks may hold at most half the request threads, and no more than there are cores.
    this.authenticator = new Authenticator(db,
        Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), threadCount / 2)));
    this.apiRoutes = ApiRoutes.api(db, events);
    this.siteRoutes = ApiRoutes.site(db);
    this.xmlrpc = new XmlRpcEndpoint(db, authenticator);
  }

  /**
   * Starts listening. {@code dataSource} should pool connections (one per request thread).
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ApiServer start(ApiConfig config, DataSource dataSource) {
    return start(config, dataSource, EventStream.Config.defaults());
  }

  /** Starts listening, with these bounds on the event streams ({@code /events/stream/}). */
  public static ApiServer start(ApiConfig config, DataSource dataSource, EventStream.Config streams) {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body waits
    // for the client's delayed ACK (~40 ms) on every response. The flag is read once, when the
    // server's configuration class loads, so it is set before the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 256);
      ExecutorService pool = Executors.newFixedThreadPool(config.threads(), runnable -> {
        Thread t = new Thread(runnable, "patchpipe-api");
        t.setDaemon(true);
        return t;
      });
      http.setExecutor(pool);
      ApiServer api = new ApiServer(http, pool, new ApiDatabase(dataSource), config.threads(), streams);
      http.createContext("/", api::serve);
      http.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + config.bindAddress() + ":" + config.port() + " (set api.port to a free port)", e);
    }
  }

  /** The base URL clients reach this server at, e.g. {@code http://127.0.0.1:8000}. */
  public String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) {
    ApiResponse response;
    boolean api = false;
    try {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = exchange.getRequestURI().getRawPath();
      String path = PercentCoding.decode(rawPath);
      api = path.startsWith("/api/") || path.equals("/api");
      if (path.indexOf('\0') >= 0) {
        // PostgreSQL text cannot hold NUL, so such a path names nothing stored.
        throw ApiException.notFound();
      }
      response = dispatch(exchange, method, path);
    } catch (ApiException e) {
      response = error(e, api);
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      response = ApiResponse.json(500, Json.write(Map.of("detail", "A server error occurred.")), Map.of());
    }
    if (response.status() != 413) {
      discardUnread(exchange);
    }
    send(exchange, response);
  }

  /**
   * Reads and drops what is left of a body the request was refused before reading: closing a
   * connection with unread bytes makes the client's TCP stack reset it, and the client loses the
   * answer (a 403 becomes "connection reset"). Bounded by {@link #MAX_BODY}, never kept.
   */
  private static void discardUnread(HttpExchange exchange) {
    try {
      InputStream in = exchange.getRequestBody();
      byte[] buffer = new byte[8192];
      long left = MAX_BODY;
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      LOG.debug("could not read the rest of {}", exchange.getRequestURI(), e);
    }
  }

  private ApiResponse dispatch(HttpExchange exchange, String method, String path) {
    String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
        .orElse(server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Matcher api = API_PREFIX.matcher(path);
    String apiRoot = null;
    String relative = path;
    List<Route> routes = siteRoutes;
    if (api.matches()) {
      apiRoot = api.group(1) == null ? "/api/" : "/api/" + api.group(1) + "/";
      relative = api.group(2);
      routes = apiRoutes;
    }
    Urls urls = new Urls("http://" + host, apiRoot == null ? "/api/1.2/" : apiRoot);
    if (path.equals(XmlRpcEndpoint.PATH)) {
      // Not a route: the endpoint reads the Authorization header itself, and only for the methods that need a login.
      return xmlrpc.serve(method, exchange.getRequestHeaders().getFirst("Authorization"), () -> readBody(exchange));
    }
    for (Route route : routes) {
      Optional<List<String>> params = route.match(relative);
      if (params.isEmpty() || (apiRoot != null && !route.servedAt(urls.minorVersion()))) {
        continue;
      }
      String effective = method.equals("HEAD") ? "GET" : method;
      Route.Handler handler = route.handlers().get(effective);
      Optional<ApiUser> user = Optional.empty();
      try {
        if (apiRoot != null) {
          // Only the REST framework authenticates; Django's download views ignore the header.
          user = authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        } else if (route.restAuth()) {
          user = leniently(exchange.getRequestHeaders().getFirst("Authorization"));
        }
      } catch (ApiException e) {
        ApiResponse refused = error(e, apiRoot != null);
        return apiRoot == null ? refused : refused.withHeader("Allow", route.allow());
      }
      if (handler == null) {
        if (method.equals("OPTIONS")) {
          return ApiResponse.json(200, Json.write(Map.of()), Map.of("Allow", route.allow()));
        }
        // RFC 9110 15.5.6: a 405 names the methods that are allowed, as DRF and Django both do.
        return error(ApiException.detail(405, "Method \"" + method + "\" not allowed."), apiRoot != null)
            .withHeader("Allow", route.allow());
      }
      QueryString query = QueryString.parse(rawQuery);
      NullCharacters.refuseIn(query);
      ApiRequest request = new ApiRequest(
          method, path, rawQuery, query, params.get(),
          exchange.getRequestHeaders().getFirst("Content-Type"), readBody(exchange), user, urls,
          exchange.getRequestHeaders());
      ApiResponse response;
      try {
        response = handler.handle(request);
      } catch (ApiException e) {
        response = error(e, apiRoot != null);
      }
      if (!response.headers().containsKey("Allow") && apiRoot != null) {
        // DRF names the view's methods on every answer, errors included.
        response = response.withHeader("Allow", route.allow());
      }
      return response;
    }
    if (!path.endsWith("/") && (method.equals("GET") || method.equals("HEAD"))) {
      String slashed = relative + "/";
      for (Route route : routes) {
        if (route.match(slashed).isPresent() && (apiRoot == null || route.servedAt(urls.minorVersion()))) {
          String location = exchange.getRequestURI().getRawPath() + "/" + (rawQuery == null ? "" : "?" + rawQuery);
          return new ApiResponse(301, Map.of("Content-Type", "text/html; charset=utf-8", "Location", location), new byte[0]);
        }
      }
    }
    throw ApiException.notFound();
  }

  /** Patchwork's {@code rest_auth}: the API's credentials, where any that fail mean anonymous. */
  private Optional<ApiUser> leniently(String authorization) {
    try {
      return authenticator.authenticate(authorization);
    } catch (ApiException e) {
      return Optional.empty();
    }
  }

  /**
   * A body longer than {@link #MAX_BODY} is refused with 413. One that declares its length is
   * refused before a byte of it is read; one that streams (chunked) is read to one byte past the
   * limit, never further.
   */
  private static byte[] readBody(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declaredLength(declared) > MAX_BODY) {
      throw tooLarge();
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The declared length; the JDK server has already refused (400) one that is not a number. */
  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ApiException tooLarge() {
    return ApiException.detail(413, "Request body is larger than " + MAX_BODY / (1024 * 1024) + " MiB.");
  }

  private static ApiResponse error(ApiException e, boolean api) {
    if (api) {
      return ApiResponse.json(e.status(), Json.write(e.body()), Map.of());
    }
    // Django's own (non-API) views answer errors with a short HTML page. Its message may quote the
    // request (a query value, a Message-ID from the path), so every piece of it is escaped.
    String title = Encode.forHtml(e.status() == 404 ? "Not Found" : e.getMessage());
    String html = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>" + title + "</title>\n</head>\n<body>\n  <h1>"
        + title + "</h1><p>" + Encode.forHtml(e.getMessage()) + "</p>\n</body>\n</html>\n";
    return new ApiResponse(e.status(), Map.of("Content-Type", "text/html; charset=utf-8"),
        html.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, ApiResponse response) {
    if (response.stream() != null) {
      stream(exchange, response);
      return;
    }
    try (exchange) {
      setHeaders(exchange, response);
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
      LOG.debug("could not answer {}", exchange.getRequestURI(), e);
    }
  }

  private static void setHeaders(HttpExchange exchange, ApiResponse response) {
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.getResponseHeaders().set("Vary", "Accept, Cookie");
    SECURITY_HEADERS.forEach((name, value) -> {
      if (!name.equals("Content-Security-Policy") || !response.headers().containsKey(name)) {
        exchange.getResponseHeaders().set(name, value);
      }
    });
  }

  /**
   * Sends a streaming answer's headers (chunked) and hands the open exchange to its body, which
   * writes and closes it later on its own threads: the request thread returns at once. A HEAD
   * request gets the headers alone.
   */
  private static void stream(HttpExchange exchange, ApiResponse response) {
    StreamBody body = response.stream();
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    try {
      setHeaders(exchange, response);
      exchange.sendResponseHeaders(response.status(), head ? -1 : 0);
    } catch (IOException e) {
      LOG.debug("could not answer {}", exchange.getRequestURI(), e);
      body.abandon();
      exchange.close();
      return;
    }
    if (head) {
      body.abandon();
      exchange.close();
    } else {
      body.open(new ResponseStream(exchange));
    }
  }

  /** Ends the event streams, stops listening and waits up to a second for requests in flight. */
  @Override
  public void close() {
    events.close();
    server.stop(0);
    threads.shutdown();
    try {
      threads.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
