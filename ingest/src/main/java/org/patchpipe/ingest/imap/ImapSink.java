package org.patchpipe.ingest.imap;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.patchpipe.event.Position;
import org.patchpipe.ingest.source.SourcedMessage;

/**
 * Where the daemon publishes each folder's mail, together with the folder's new position, and
 * where it reads back what it already committed. {@link KafkaImapSink} is the real one: raw mail,
 * events and the position in one Kafka transaction, so a batch and its position are committed
 * together or not at all.
 *
 * <p>Implementations are thread-safe: the followers of several folders call them concurrently.
 */
public interface ImapSink {

  /** The last position committed for {@code folder}, or empty if none was ever committed. */
  Optional<Position.ImapUid> committedPosition(FolderSubscription folder) throws ImapException;

  /**
   * Publishes {@code messages} (possibly none) and commits {@code position} for {@code folder} in
   * one transaction. When this returns, both are committed; when it throws, neither is.
   *
   * @throws ImapException retriable when the transaction was aborted and may be tried again; not
   *     retriable when the publisher was fenced or closed and the daemon must stop
   */
  void publish(FolderSubscription folder, List<SourcedMessage> messages, Position.ImapUid position)
      throws ImapException, InterruptedException;

  /**
   * The Message-IDs (as {@link org.patchpipe.parser.MessageIds#of} reads them) of every message
   * committed so far from {@code folder}'s source: read after a UIDVALIDITY change so that the
   * re-scan publishes nothing twice.
   */
  Set<String> publishedMessageIds(FolderSubscription folder) throws ImapException;
}
