/**
 * Following live mailing-list folders over IMAP: {@link org.patchpipe.ingest.imap.ImapSource} (one
 * folder over one connection, exact bytes fetched with {@code BODY.PEEK[]}, IDLE or polling),
 * {@link org.patchpipe.ingest.imap.FolderFollower} (the reconnecting loop that publishes each batch
 * with its new position through an {@link org.patchpipe.ingest.imap.ImapSink}, on Kafka
 * {@link org.patchpipe.ingest.imap.KafkaImapSink}) and {@link org.patchpipe.ingest.imap.ImapDaemon}
 * (several folders at once, counters, clean shutdown). {@link org.patchpipe.ingest.imap.ImapAppender}
 * and {@link org.patchpipe.ingest.imap.DovecotProcess} put mail into a (throwaway) server for the
 * benchmark and the tests.
 *
 * <p>Angus Mail ({@code org.eclipse.angus.mail}, {@code jakarta.mail}) is used only inside this
 * package: no Angus or Jakarta Mail type appears in a public signature, and its exceptions are
 * wrapped in {@link org.patchpipe.ingest.imap.ImapException}. The {@code cli} module may import the
 * public types here; nothing else in {@code ingest} depends on this package.
 */
package org.patchpipe.ingest.imap;
