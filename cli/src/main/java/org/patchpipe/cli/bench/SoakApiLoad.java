package org.patchpipe.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's API users: {@code clients} threads, each with its own keep-alive HTTP client, that
 * browse as git-pw and a web browser do (patch and series lists newest first, a patch's detail and
 * comments, patch and series mbox downloads, the event feed) and, one request in ten, change a
 * listed patch's state as a maintainer with an API token. A response other than 200 or an I/O
 * failure counts as an error; the first few are kept to be shown.
 */
final class SoakApiLoad implements AutoCloseable {
  private static final String[] STATES = {"new", "under-review", "accepted", "changes-requested"};
  private static final int KEPT_ERRORS = 10;

  private final String site;
  private final String project;
  private final String token;
  private final long pauseMillis;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
  private final ObjectMapper json = new ObjectMapper();
  private volatile boolean stopping;

  /**
   * @param site the server root, e.g. {@code http://127.0.0.1:8000}
   * @param token a maintainer's API token for {@code project}; never shown
   */
  SoakApiLoad(String site, String project, String token, int clients, long pauseMillis) {
    this.site = site;
    this.project = project;
    this.token = token;
    this.pauseMillis = pauseMillis;
    for (int c = 0; c < clients; c++) {
      long seed = c;
      threads.add(new Thread(() -> client(new Random(seed)), "soak-api-" + c));
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  long requests() {
    return requests.get();
  }

  long errors() {
    return errors.get();
  }

  List<String> firstErrors() {
    return List.copyOf(firstErrors);
  }

  private void client(Random random) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String api = site + "/api/1.2/";
    List<Long> patchIds = new ArrayList<>();
    List<String> mboxes = new ArrayList<>();
    long pages = 1; // of the patch list, as its last Link said: a page past the end is a correct 404
    while (!stopping) {
      int kind = random.nextInt(10);
      HttpResponse<String> listed = null;
      if (kind < 3 || patchIds.isEmpty()) {
        listed = get(http, api + "patches/?project=" + project + "&order=-date&per_page=20&page="
            + (1 + random.nextInt((int) Math.min(3, pages))));
        if (listed != null) {
          pages = SoakCheck.lastPage(listed);
        }
      } else if (kind == 3) {
        listed = get(http, api + "series/?project=" + project + "&order=-id&per_page=10");
      } else if (kind == 4) {
        get(http, api + "patches/" + pick(random, patchIds) + "/");
      } else if (kind == 5) {
        get(http, api + "patches/" + pick(random, patchIds) + "/comments/");
      } else if (kind == 6 && !mboxes.isEmpty()) {
        get(http, pick(random, mboxes));
      } else if (kind == 7) {
        get(http, api + "events/?project=" + project + "&per_page=30");
      } else if (kind == 8) {
        get(http, api + "covers/?project=" + project + "&order=-date");
      } else {
        send(http, HttpRequest.newBuilder(URI.create(api + "patches/" + pick(random, patchIds) + "/"))
            .method("PATCH", HttpRequest.BodyPublishers.ofString(
                "{\"state\": \"" + STATES[random.nextInt(STATES.length)] + "\"}"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Token " + token));
      }
      if (listed != null) {
        remember(listed.body(), patchIds, mboxes);
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Keeps the ids and mbox links of the last list read, so details and downloads follow them. */
  private void remember(String body, List<Long> patchIds, List<String> mboxes) {
    try {
      JsonNode list = json.readTree(body);
      boolean patches = body.contains("\"commit_ref\"");
      if (patches) {
        patchIds.clear();
      }
      mboxes.clear();
      for (JsonNode item : list) {
        if (patches) {
          patchIds.add(item.get("id").asLong());
        }
        mboxes.add(item.get("mbox").asText());
      }
    } catch (IOException | RuntimeException e) {
      error("unreadable list: " + e.getMessage());
    }
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private HttpResponse<String> get(HttpClient http, String url) {
    return send(http, HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** A 200 response, else null after counting the error. */
  private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
    HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
    requests.incrementAndGet();
    try {
      HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return response;
      }
      String body = response.body();
      error(r.method() + " " + r.uri().getRawPath() + " answered " + response.statusCode() + ": "
          + body.substring(0, Math.min(200, body.length())));
    } catch (IOException e) {
      error(r.method() + " " + r.uri().getRawPath() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
    return null;
  }

  private void error(String message) {
    errors.incrementAndGet();
    if (firstErrors.size() < KEPT_ERRORS) {
      firstErrors.add(message);
    }
  }

  /** Stops every client after its request in hand. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(40).toMillis());
    }
  }
}
