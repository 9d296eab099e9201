/**
 * Mail sources: archives and mailboxes read as streams of {@link
 * org.patchpipe.ingest.source.SourcedMessage}s, each with the {@link org.patchpipe.event.Position}
 * to resume after it. {@link org.patchpipe.ingest.source.MailSourceKind} recognises a path and opens
 * the right one. Nothing here knows Kafka or the parser; {@code ingest.imap} adds the IMAP source.
 */
package org.patchpipe.ingest.source;
