package org.patchpipe.store.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A person as nested where mail is shown: the submitter of a patch, cover, series or comment. Immutable. */
public record SubmitterRow(long id, String name, String email) {
  /** The columns {@link #read} expects, from table alias {@code a}, prefixed {@code prefix}. */
  public static String columns(String a, String prefix) {
    return a + ".id AS " + prefix + "id, " + a + ".name AS " + prefix + "name, " + a + ".email AS "
        + prefix + "email";
  }

  /** Reads the columns of {@link #columns} with this prefix. */
  public static SubmitterRow read(ResultSet rs, String prefix) throws SQLException {
    return new SubmitterRow(rs.getLong(prefix + "id"), rs.getString(prefix + "name"), rs.getString(prefix + "email"));
  }
}
