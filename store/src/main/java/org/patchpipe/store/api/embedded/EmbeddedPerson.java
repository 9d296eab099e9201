package org.patchpipe.store.api.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.SubmitterRow;

/** A person (a submitter) as nested in patches, covers, series and comments. */
public record EmbeddedPerson(long id, String url, String name, String email) {

  public static String columns(String a, String prefix) {
    return SubmitterRow.columns(a, prefix);
  }

  public static EmbeddedPerson read(ResultSet rs, String prefix, Urls urls) throws SQLException {
    return of(SubmitterRow.read(rs, prefix), urls);
  }

  public static EmbeddedPerson of(SubmitterRow person, Urls urls) {
    return new EmbeddedPerson(person.id(), urls.api("people/" + person.id() + "/"), person.name(), person.email());
  }
}
