package org.patchpipe.cli;

import java.time.Clock;
import java.util.List;
import org.patchpipe.ingest.imap.FolderHealth;
import org.patchpipe.ingest.imap.ImapDaemon;

/**
 * The IMAP daemon's counters as a status line and a summary for people, and as the JSON of the
 * health endpoint ({@link DaemonHealthServer}). Reads {@link ImapDaemon#health()}; thread-safe.
 */
final class DaemonStatus {
  private final ImapDaemon daemon;
  private final Clock clock;

  DaemonStatus(ImapDaemon daemon, Clock clock) {
    this.daemon = daemon;
    this.clock = clock;
  }

  boolean healthy() {
    return daemon.health().stream().allMatch(FolderHealth::healthy);
  }

  /** Messages published by every folder since the start. */
  long messages() {
    return daemon.health().stream().mapToLong(FolderHealth::messages).sum();
  }

  String line() {
    List<FolderHealth> all = daemon.health();
    return String.format("patchpipe: %d message(s), %d error(s), %d reconnect(s), lag %d; %s",
        messages(),
        all.stream().mapToLong(FolderHealth::errors).sum(),
        all.stream().mapToLong(FolderHealth::reconnects).sum(),
        all.stream().mapToLong(FolderHealth::lagMessages).sum(),
        String.join(", ", all.stream().map(h -> h.sourceId() + " " + h.state().name().toLowerCase()
            + (h.state() == FolderHealth.State.WAITING ? (h.usesIdle() ? " (idle)" : " (polling)") : "")).toList()));
  }

  String summary() {
    StringBuilder s = new StringBuilder("patchpipe: stopped.");
    for (FolderHealth h : daemon.health()) {
      s.append(String.format("%n  %s: %d published, %d skipped as already published, %d error(s),"
              + " %d reconnect(s), last UID %d (UIDVALIDITY %d)%s", h.sourceId(), h.messages(),
          h.duplicatesSkipped(), h.errors(), h.reconnects(), h.lastUid(), h.uidValidity(),
          h.lastError().map(e -> "; last error: " + e).orElse("")));
    }
    return s.toString();
  }

  String json() {
    StringBuilder s = new StringBuilder();
    s.append("{\"healthy\":").append(healthy()).append(",\"time\":\"").append(clock.instant()).append("\",\"folders\":[");
    List<FolderHealth> all = daemon.health();
    for (int i = 0; i < all.size(); i++) {
      FolderHealth h = all.get(i);
      if (i > 0) s.append(',');
      s.append("{\"source\":").append(quote(h.sourceId()))
          .append(",\"state\":").append(quote(h.state().name().toLowerCase()))
          .append(",\"idle\":").append(h.usesIdle())
          .append(",\"messages\":").append(h.messages())
          .append(",\"duplicates_skipped\":").append(h.duplicatesSkipped())
          .append(",\"errors\":").append(h.errors())
          .append(",\"reconnects\":").append(h.reconnects())
          .append(",\"lag_messages\":").append(h.lagMessages())
          .append(",\"uid_validity\":").append(h.uidValidity())
          .append(",\"last_uid\":").append(h.lastUid())
          .append(",\"last_published_at\":").append(h.lastPublishedAt().map(t -> quote(t.toString())).orElse("null"))
          .append(",\"last_error\":").append(h.lastError().map(DaemonStatus::quote).orElse("null"))
          .append('}');
    }
    return s.append("]}").toString();
  }

  private static String quote(String v) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      if (c == '"' || c == '\\') q.append('\\').append(c);
      else if (c < 0x20) q.append(String.format("\\u%04x", (int) c));
      else q.append(c);
    }
    return q.append('"').toString();
  }
}
