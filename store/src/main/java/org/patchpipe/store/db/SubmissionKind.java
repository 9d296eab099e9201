package org.patchpipe.store.db;

/**
 * The two kinds of mail that carry comments and downloads, patches and cover letters: decides the
 * tables a query reads ({@code patch}/{@code patch_comment}, {@code cover}/{@code cover_comment}).
 */
public enum SubmissionKind {
  PATCH("patch", "patch_comment", "patch_id"),
  COVER("cover", "cover_comment", "cover_id");

  private final String table;
  private final String commentTable;
  private final String commentColumn;

  SubmissionKind(String table, String commentTable, String commentColumn) {
    this.table = table;
    this.commentTable = commentTable;
    this.commentColumn = commentColumn;
  }

  String table() {
    return table;
  }

  String commentTable() {
    return commentTable;
  }

  /** The comment table's column naming the patch or cover. */
  String commentColumn() {
    return commentColumn;
  }
}
