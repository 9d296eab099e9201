package org.patchpipe.ingest.imap;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.patchpipe.event.Position;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.RawMessage;

/**
 * One IMAP folder over one connection, read-only: lists the messages after a UID, fetches their
 * exact bytes in batches ({@code UID FETCH set (UID BODY.PEEK[])}, so {@code \Seen} is never set
 * and nothing is ever deleted), and waits for new mail with IDLE where the server offers it, by
 * polling where it does not. It wraps Angus Mail's {@code IMAPFolder}; no Angus type leaves it.
 *
 * <pre>{@code
 * try (ImapSource folder = ImapSource.open(server, "INBOX", ImapSettings.DEFAULTS, timer)) {
 *   List<SourcedMessage> batch = folder.fetch(folder.pendingAfter(lastUid));
 * }
 * }</pre>
 *
 * <p>One per thread, except {@link #wakeUp()}, which any thread may call to end a wait early.
 * Every failure is an {@link ImapException} that says whether reconnecting can help.
 */
public final class ImapSource implements AutoCloseable {
  private static final long IDLE_NUDGE_MILLIS = 100;
  private final ImapServer server;
  private final String folderName;
  private final ImapSettings settings;
  private final ScheduledExecutorService timer;
  private final Store store;
  private final IMAPFolder folder;
  private final long uidValidity;
  private final boolean idle;
  private final ReentrantLock pollLock = new ReentrantLock();
  private final Condition woken = pollLock.newCondition();
  private boolean wakeRequested;
  /** True from the start of an IDLE wait until it returns; read by wake-ups on other threads. */
  private volatile boolean inIdleWait;
  private int messageCountAtListing = -1;

  private ImapSource(
      ImapServer server, String folderName, ImapSettings settings, ScheduledExecutorService timer,
      Store store, IMAPFolder folder, long uidValidity, boolean idle) {
    this.server = server;
    this.folderName = folderName;
    this.settings = settings;
    this.timer = timer;
    this.store = store;
    this.folder = folder;
    this.uidValidity = uidValidity;
    this.idle = idle;
  }

  /**
   * Connects, logs in and opens {@code folderName} read-only (EXAMINE).
   *
   * @param timer renews IDLE after {@link ImapSettings#idleRenewal()}; shared, not owned
   * @throws ImapException retriable for network failures; not retriable for a refused login or a
   *     folder that does not exist
   */
  public static ImapSource open(
      ImapServer server, String folderName, ImapSettings settings, ScheduledExecutorService timer)
      throws ImapException {
    Objects.requireNonNull(folderName, "folderName");
    String protocol = server.scheme();
    Properties props = new Properties();
    props.setProperty("mail." + protocol + ".connectiontimeout", millis(settings.connectTimeout()));
    props.setProperty("mail." + protocol + ".timeout", millis(settings.readTimeout()));
    props.setProperty("mail." + protocol + ".peek", "true");
    props.setProperty("mail." + protocol + ".partialfetch", "false");
    if (server.tls()) props.setProperty("mail.imaps.ssl.checkserveridentity", "true");
    Session session = Session.getInstance(props);
    Store store = null;
    try {
      store = session.getStore(protocol);
      store.connect(server.host(), server.port(), server.user(), server.password());
      IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
      if (!folder.exists()) {
        throw new ImapException(
            "folder '" + folderName + "' does not exist on " + server.describe()
                + "; check the folder name (case and hierarchy separator matter)", false, null);
      }
      folder.open(Folder.READ_ONLY);
      boolean idle = settings.useIdle() && ((IMAPStore) store).hasCapability("IDLE");
      return new ImapSource(server, folderName, settings, timer, store, folder, folder.getUIDValidity(), idle);
    } catch (MessagingException e) {
      closeQuietly(store);
      throw wrap("cannot open " + server.describe() + "/" + folderName, e);
    } catch (ImapException | RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
  }

  /** {@code imaps://user@host:port/FOLDER}: the id this folder's position is stored under. */
  public String id() {
    return server.describe() + "/" + folderName;
  }

  public String folder() {
    return folderName;
  }

  /** The folder's UIDVALIDITY as the server reported it on EXAMINE. */
  public long uidValidity() {
    return uidValidity;
  }

  /** True when {@link #awaitNewMail()} uses IDLE, false when it polls. */
  public boolean usesIdle() {
    return idle;
  }

  /**
   * The messages with a UID above {@code afterUid}, in UID order, with their sizes; nothing is
   * fetched yet.
   */
  public List<Pending> pendingAfter(long afterUid) throws ImapException {
    try {
      List<Pending> pending = new ArrayList<>();
      folder.doCommand(
          p -> {
            Response[] r = p.command("UID FETCH " + (afterUid + 1) + ":* (UID RFC822.SIZE)", null);
            for (Response each : r) {
              if (each instanceof FetchResponse fetch) {
                UID uid = fetch.getItem(UID.class);
                RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                // "n:*" always matches the highest UID, even when it is below n.
                if (uid != null && uid.uid > afterUid) {
                  pending.add(new Pending(uid.uid, size == null ? 0 : size.size));
                }
              }
            }
            notifyOthers(p, r);
            p.handleResult(r[r.length - 1]);
            return null;
          });
      messageCountAtListing = folder.getMessageCount();
      pending.sort(Comparator.comparingLong(Pending::uid));
      return pending;
    } catch (MessagingException e) {
      throw wrap("cannot list new mail in " + id(), e);
    }
  }

  /**
   * Fetches the exact bytes of {@code batch}, in UID order. A message expunged meanwhile is left
   * out. Each message's position is {@code (folder, UIDVALIDITY, its UID)}.
   */
  public List<SourcedMessage> fetch(List<Pending> batch) throws ImapException {
    if (batch.isEmpty()) return List.of();
    List<SourcedMessage> messages = new ArrayList<>();
    try {
      folder.doCommand(
          p -> {
            Response[] r = p.command("UID FETCH " + uidSet(batch) + " (UID BODY.PEEK[])", null);
            for (Response each : r) {
              if (each instanceof FetchResponse fetch) {
                UID uid = fetch.getItem(UID.class);
                BODY body = fetch.getItem(BODY.class);
                if (uid == null || body == null || body.getByteArray() == null) continue;
                ByteArray bytes = body.getByteArray();
                RawMessage raw = RawMessage.of(bytes.getBytes(), bytes.getStart(), bytes.getCount());
                messages.add(new SourcedMessage(raw, new Position.ImapUid(folderName, uidValidity, uid.uid)));
              }
            }
            notifyOthers(p, r);
            p.handleResult(r[r.length - 1]);
            return null;
          });
    } catch (MessagingException e) {
      throw wrap("cannot fetch mail from " + id(), e);
    }
    messages.sort(Comparator.comparingLong(m -> ((Position.ImapUid) m.position()).uid()));
    return messages;
  }

  /**
   * Waits until the server reports a change (IDLE), the poll interval passes (no IDLE), the IDLE
   * renewal time passes, or {@link #wakeUp()} is called. Returns early when mail arrived since the
   * last {@link #pendingAfter} listing.
   */
  public void awaitNewMail() throws ImapException, InterruptedException {
    if (!idle) {
      pollLock.lock();
      try {
        long nanos = settings.pollInterval().toNanos();
        while (!wakeRequested && nanos > 0) nanos = woken.awaitNanos(nanos);
        wakeRequested = false;
      } finally {
        pollLock.unlock();
      }
      return;
    }
    ScheduledFuture<?> renewal = timer.schedule(this::wakeUp, settings.idleRenewal().toMillis(), TimeUnit.MILLISECONDS);
    inIdleWait = true;
    try {
      pollLock.lock();
      try {
        if (wakeRequested) {
          wakeRequested = false;
          return;
        }
      } finally {
        pollLock.unlock();
      }
      // Mail that arrived since the listing is announced with the next command's responses, and
      // some servers (GreenMail) do not repeat it when IDLE starts: ask with a NOOP first.
      folder.doCommand(
          p -> {
            p.simpleCommand("NOOP", null);
            return null;
          });
      if (folder.getMessageCount() != messageCountAtListing) return;
      folder.idle(true);
    } catch (MessagingException e) {
      throw wrap("IDLE failed on " + id(), e);
    } finally {
      inIdleWait = false;
      renewal.cancel(false);
    }
  }

  /**
   * Ends a running or the next {@link #awaitNewMail()} early. Safe from any thread; failures are
   * ignored because the waiting thread sees the broken connection itself.
   */
  public void wakeUp() {
    pollLock.lock();
    try {
      wakeRequested = true;
      woken.signalAll();
    } finally {
      pollLock.unlock();
    }
    if (idle) interruptIdle();
  }

  /**
   * Sends a NOOP, which makes Angus send DONE and end a running IDLE. A NOOP that runs after the
   * waiter checked {@code wakeRequested} but before its IDLE started ends nothing, so while the
   * waiter is still inside {@link #awaitNewMail()} the nudge is repeated shortly after.
   */
  private void interruptIdle() {
    try {
      folder.doCommandIgnoreFailure(
          p -> {
            p.simpleCommand("NOOP", null);
            return null;
          });
    } catch (MessagingException | RuntimeException e) {
      // The connection is gone; the IDLE-ing thread gets the error and reconnects.
      return;
    }
    if (!inIdleWait) return;
    try {
      timer.schedule(this::interruptIdle, IDLE_NUDGE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The timer is shut down: the process is stopping and closes the connection.
    }
  }

  /** Logs out; never throws. */
  @Override
  public void close() {
    try {
      if (folder.isOpen()) folder.close(false);
    } catch (MessagingException | RuntimeException e) {
      // Closing a broken connection fails; the socket is closed by the store below.
    }
    closeQuietly(store);
  }

  /** Passes untagged EXISTS/EXPUNGE responses to Angus so its message count stays right. */
  private static void notifyOthers(org.eclipse.angus.mail.imap.protocol.IMAPProtocol p, Response[] r) {
    List<Response> others = new ArrayList<>();
    for (int i = 0; i < r.length - 1; i++) {
      if (!(r[i] instanceof FetchResponse)) others.add(r[i]);
    }
    p.notifyResponseHandlers(others.toArray(new Response[0]));
  }

  /** A compact UID set, e.g. {@code 1:5,7,9:12}. */
  static String uidSet(List<Pending> batch) {
    StringBuilder set = new StringBuilder();
    int i = 0;
    while (i < batch.size()) {
      long first = batch.get(i).uid();
      long last = first;
      while (i + 1 < batch.size() && batch.get(i + 1).uid() == last + 1) last = batch.get(++i).uid();
      if (set.length() > 0) set.append(',');
      set.append(first);
      if (last != first) set.append(':').append(last);
      i++;
    }
    return set.toString();
  }

  private static ImapException wrap(String what, MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return new ImapException(what + ": login refused (" + e.getMessage() + "); check the user and password", false, e);
    }
    if (e instanceof FolderNotFoundException) {
      return new ImapException(what + ": no such folder; check the folder name", false, e);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String reason = root instanceof IOException ? root.toString() : e.getMessage();
    return new ImapException(what + ": " + reason, true, e);
  }

  private static void closeQuietly(Store store) {
    if (store == null) return;
    try {
      store.close();
    } catch (MessagingException | RuntimeException e) {
      // Nothing more to do for a connection that is already gone.
    }
  }

  private static String millis(java.time.Duration d) {
    return Long.toString(d.toMillis());
  }

  /**
   * A message waiting in the folder: its UID and its size as the server reports it
   * ({@code RFC822.SIZE}).
   */
  public record Pending(long uid, long sizeBytes) {}
}
