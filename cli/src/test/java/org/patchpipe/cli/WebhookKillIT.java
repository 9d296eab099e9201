package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code patchpipe store} in a child process killed with SIGKILL while webhook deliveries are in
 * flight: a second store on the same database delivers the rest; the receiver (verifying every
 * signature) has every stored event, and an event delivered twice carries the same id and body.
 */
class WebhookKillIT {
  private static final String PREFIX = "hookkill.";
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path dir;

  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final AtomicInteger messages = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();

  @Test
  void killDashNineMidDeliveryLosesNoEvent() throws Exception {
    int total = 400;
    HttpServer receiver = receiver();
    try (StoreProcesses rig = StoreProcesses.start(dir, PREFIX, false)) {
      Path secretFile = Files.writeString(dir.resolve("hook.secret"), SECRET);
      CommandLine cmd = PatchpipeCommand.newCommandLine();
      StringWriter out = new StringWriter();
      cmd.setOut(new PrintWriter(out));
      assertEquals(ExitCodes.OK, cmd.execute("webhook", "add", "--url",
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "--secret-file", secretFile.toString(),
          "--db", rig.pg().jdbcUrl(), "--db-user", rig.pg().user()), out.toString());

      Process a = rig.store("a");
      Process replay = rig.replay("replay", StoreProcesses.mbox(dir.resolve("list.mbox"), 0, total,
          "hookkill.example.org"), "--batch-messages", "2");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (messages.get() < 100 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      a.destroyForcibly(); // SIGKILL, mid-delivery
      assertTrue(a.waitFor(10, TimeUnit.SECONDS));
      int atKill = bodies.size();
      long eventsAtKill = events(rig).size();
      assertTrue(replay.waitFor(120, TimeUnit.SECONDS), Files.readString(rig.log("replay")));

      Process b = rig.store("b");
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      Set<Long> stored = events(rig);
      while (System.nanoTime() < deadline && !(patchCreated(rig) == total && received().containsAll(stored))) {
        Thread.sleep(200);
        stored = events(rig);
      }
      Thread.sleep(1000); // a late duplicate would show now
      assertEquals(total, patchCreated(rig), Files.readString(rig.log("b")));
      assertTrue(received().containsAll(stored), "every stored event delivered: " + stored.size() + " stored, "
          + received().size() + " received");
      assertEquals(0, badSignatures.get(), "every message verifies");
      StoreProcesses.terminate(b, rig.log("b"), Duration.ofSeconds(40));
      System.out.println("WebhookKillIT: SIGKILL after " + atKill + " events delivered (" + eventsAtKill
          + " stored); after the restart all " + stored.size() + " delivered, " + duplicates.get()
          + " twice (same id and body), " + messages.get() + " messages");
    } finally {
      receiver.stop(0);
    }
  }

  private Set<Long> received() {
    Set<Long> ids = new HashSet<>();
    bodies.keySet().forEach(id -> ids.add(Long.parseLong(id)));
    return ids;
  }

  private HttpServer receiver() throws Exception {
    byte[] key = Base64.getDecoder().decode(SECRET.substring(6));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/hook", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
      String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(mac.doFinal(body), Base64.getDecoder().decode(signature.substring(3)))) {
          badSignatures.incrementAndGet();
        }
      } catch (Exception e) {
        badSignatures.incrementAndGet();
      }
      String text = new String(body, StandardCharsets.UTF_8);
      String earlier = bodies.putIfAbsent(id, text);
      if (earlier != null) {
        duplicates.incrementAndGet();
        if (!earlier.equals(text)) {
          badSignatures.incrementAndGet(); // a duplicate must be the same message
        }
      }
      messages.incrementAndGet();
      try {
        Thread.sleep(5); // keeps deliveries in flight
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static Set<Long> events(StoreProcesses rig) throws Exception {
    Set<Long> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection(rig.pg().jdbcUrl(), rig.pg().user(), "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM event")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static long patchCreated(StoreProcesses rig) throws Exception {
    return StoreProcesses.count(rig.pg(), "SELECT count(*) FROM event WHERE category = 'patch-created'");
  }
}
