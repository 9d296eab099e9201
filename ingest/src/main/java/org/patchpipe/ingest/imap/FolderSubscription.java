package org.patchpipe.ingest.imap;

import java.util.Objects;

/**
 * One folder the daemon follows, and the mailing list its mail belongs to. Immutable.
 *
 * @param server the account the folder lives in
 * @param folder the folder name as the server spells it
 * @param listId the mailing list (Patchwork's {@code list_id}) its mail is published under, or
 *     empty to let the parser take it from the {@code List-Id} header
 */
public record FolderSubscription(ImapServer server, String folder, String listId) {
  public FolderSubscription {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(listId, "listId");
    if (folder.isBlank()) throw new IllegalArgumentException("ingest.imap.folder must not be blank");
  }

  /** {@code imaps://user@host:port/FOLDER}: the source id its position is stored under. */
  public String sourceId() {
    return server.describe() + "/" + folder;
  }
}
