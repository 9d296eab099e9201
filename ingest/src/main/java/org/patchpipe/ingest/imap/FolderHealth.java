package org.patchpipe.ingest.imap;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one followed folder's counters, for the health endpoint and the summary printed at
 * shutdown. Immutable.
 *
 * @param sourceId {@code imaps://user@host:port/FOLDER}
 * @param state what the follower is doing now
 * @param usesIdle true while connected to a server with IDLE, false while polling
 * @param messages messages published since the daemon started
 * @param duplicatesSkipped messages left out of a UIDVALIDITY re-scan because their Message-ID
 *     was already published
 * @param errors failures seen (each followed by a reconnect, or by {@code FAILED})
 * @param reconnects connections opened after the first
 * @param lagMessages messages on the server not yet published, as of the last listing
 * @param uidValidity the folder's UIDVALIDITY, 0 before the first connection
 * @param lastUid the highest UID published (committed), 0 for none
 * @param lastPublishedAt when the last batch was committed
 * @param lastError the last failure's message
 */
public record FolderHealth(
    String sourceId,
    State state,
    boolean usesIdle,
    long messages,
    long duplicatesSkipped,
    long errors,
    long reconnects,
    long lagMessages,
    long uidValidity,
    long lastUid,
    Optional<Instant> lastPublishedAt,
    Optional<String> lastError) {

  /** What a follower is doing. */
  public enum State {
    CONNECTING,
    CATCHING_UP,
    WAITING,
    BACKING_OFF,
    FAILED,
    STOPPED
  }

  /** True unless the follower gave up (a refused login, a missing folder, a fenced publisher). */
  public boolean healthy() {
    return state != State.FAILED;
  }
}
