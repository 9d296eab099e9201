package org.patchpipe.store.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.patchpipe.store.db.CommentRepository;
import org.patchpipe.store.db.CommentRepository.CommentRow;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.SubmissionKind;

/**
 * Reads what the patch and cover pages share: the replies to a patch or cover in date order, as
 * Patchwork lists them, and the copy-paste commands that name a mail. At most {@value #MAX_SHOWN}
 * replies are shown: a thread of thousands must not make one page unbounded.
 */
final class Replies {
  static final int MAX_SHOWN = 500;

  /** What a shell takes as one word without quotes; anything else is quoted. */
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

  private Replies() {}

  static List<MailView> of(Connection c, SubmissionKind parent, long parentId) throws SQLException {
    ListQuery.Page<CommentRow> page = new CommentRepository(c).list(parent, parentId, "date")
        .page(c, count -> new ListQuery.PageChoice.Window(MAX_SHOWN, 0));
    List<MailView> replies = new ArrayList<>(page.rows().size());
    for (CommentRow row : page.rows()) {
      replies.add(MailView.of(row.id(), row.submitter(), row.date(), row.headers(), row.content(), row.addressed()));
    }
    return replies;
  }

  /**
   * A mail's Message-ID as one shell word: the commands are pasted into a shell, and a Message-ID
   * is whatever the sender wrote, {@code $(...)} included. POSIX single quotes take everything
   * literally but the quote itself.
   */
  static String shellWord(String text) {
    return SHELL_SAFE.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
