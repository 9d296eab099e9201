package org.patchpipe.ingest.imap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.patchpipe.event.Position;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.MessageIds;

/**
 * An in-memory {@link ImapSink} for the IMAP-side tests: it records every batch and commits
 * positions atomically with it, as the Kafka sink does, so the tests can check what the followers
 * did against the IMAP servers. Exactly-once through Kafka itself is proven by
 * {@link ImapDaemonKafkaIT} against the real broker.
 */
final class RecordingSink implements ImapSink {
  private final Map<String, Position.ImapUid> positions = new HashMap<>();
  private final List<SourcedMessage> published = new ArrayList<>();
  private final Map<String, Set<String>> ids = new HashMap<>();
  private int transactions;
  private int failAt = -1;

  @Override
  public synchronized Optional<Position.ImapUid> committedPosition(FolderSubscription folder) {
    return Optional.ofNullable(positions.get(folder.sourceId()));
  }

  @Override
  public synchronized void publish(FolderSubscription folder, List<SourcedMessage> messages, Position.ImapUid position)
      throws ImapException {
    if (transactions + 1 == failAt) {
      failAt = -1;
      throw new ImapException("injected: the transaction was aborted", true, null);
    }
    published.addAll(messages);
    for (SourcedMessage m : messages) {
      ids.computeIfAbsent(folder.sourceId(), k -> new HashSet<>()).add(MessageIds.of(m.raw()));
    }
    positions.put(folder.sourceId(), position);
    transactions++;
    notifyAll();
  }

  @Override
  public synchronized Set<String> publishedMessageIds(FolderSubscription folder) {
    return Set.copyOf(ids.getOrDefault(folder.sourceId(), Set.of()));
  }

  /** Makes the {@code n}-th publish from now fail as an aborted transaction would: nothing kept. */
  synchronized void failPublish(int n) {
    failAt = transactions + n;
  }

  synchronized List<SourcedMessage> published() {
    return List.copyOf(published);
  }

  synchronized List<String> publishedIds() {
    return published.stream().map(m -> MessageIds.of(m.raw())).toList();
  }

  synchronized int transactions() {
    return transactions;
  }

  /** Waits until at least {@code count} messages were published; fails after {@code millis}. */
  synchronized void awaitPublished(int count, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (published.size() < count) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("waited " + millis + " ms for " + count + " messages, got " + published.size());
      }
      wait(left);
    }
  }
}
