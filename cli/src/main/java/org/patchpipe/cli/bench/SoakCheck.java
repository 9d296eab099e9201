package org.patchpipe.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpipe.store.consume.ConsumerStats;

/**
 * The soak's end check, after the inputs stopped and the store caught up: every mail the
 * generators handed over is stored exactly once. The consumer's totals must match the tally by
 * kind with nothing unstored (a duplicate delivery would be recorded there) or set aside, and the
 * API, reading the database, must list as many patches and cover letters as were generated: a
 * lost mail makes a count short, a mail stored twice makes it long.
 */
final class SoakCheck {
  private static final Pattern LAST_PAGE = Pattern.compile("[?&]page=(\\d+)[^>]*>; rel=\"last\"");

  private SoakCheck() {}

  /** The failed checks; empty when every mail is stored once. */
  static List<String> run(SoakTally expected, long published, ConsumerStats stats, String apiRoot, String project)
      throws IOException, InterruptedException {
    List<String> failed = new ArrayList<>();
    same(failed, "events published vs generated", expected.mails(), published);
    same(failed, "events stored vs published", published, stats.events());
    same(failed, "patches stored", expected.patches(), stats.patches());
    same(failed, "cover letters stored", expected.covers(), stats.covers());
    same(failed, "comments stored", expected.comments(), stats.comments());
    same(failed, "events not stored (duplicates, rejects)", 0, stats.unstored());
    same(failed, "events set aside", 0, stats.setAside());
    same(failed, "replies still waiting for their parent", 0, stats.waiting());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    same(failed, "patches the API lists", expected.patches(), count(http, apiRoot + "patches/?project=" + project));
    same(failed, "cover letters the API lists", expected.covers(), count(http, apiRoot + "covers/?project=" + project));
    return failed;
  }

  private static void same(List<String> failed, String what, long expected, long actual) {
    if (expected != actual) {
      failed.add(what + ": expected " + expected + ", found " + actual);
    }
  }

  /** A list's length, from the last page of one item per page that Patchwork's Link header names. */
  private static long count(HttpClient http, String list) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(list + "&per_page=1"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(list + " answered " + r.statusCode());
    }
    return r.body().strip().equals("[]") ? 0 : lastPage(r);
  }

  /** The last page a list response's {@code Link} header names (1 when it names none). */
  static long lastPage(HttpResponse<String> list) {
    Matcher m = LAST_PAGE.matcher(list.headers().firstValue("Link").orElse(""));
    return m.find() ? Long.parseLong(m.group(1)) : 1;
  }
}
