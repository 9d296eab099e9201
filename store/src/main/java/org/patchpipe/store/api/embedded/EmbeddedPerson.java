package org.patchpipe.store.api.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.patchpipe.store.api.Urls;

/** A person (a submitter) as nested in patches, covers, series and comments. */
public record EmbeddedPerson(long id, String url, String name, String email) {

  public static String columns(String a, String prefix) {
    return a + ".id AS " + prefix + "id, " + a + ".name AS " + prefix + "name, " + a + ".email AS "
        + prefix + "email";
  }

  public static EmbeddedPerson read(ResultSet rs, String prefix, Urls urls) throws SQLException {
    long id = rs.getLong(prefix + "id");
    return new EmbeddedPerson(
        id, urls.api("people/" + id + "/"), rs.getString(prefix + "name"), rs.getString(prefix + "email"));
  }
}
