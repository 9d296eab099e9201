package org.patchpipe.store.api.embedded;

import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.SubmitterRow;

/** A person (a submitter) as nested in patches, covers, series and comments. */
public record EmbeddedPerson(long id, String url, String name, String email) {

  public static EmbeddedPerson of(SubmitterRow person, Urls urls) {
    return new EmbeddedPerson(person.id(), urls.api("people/" + person.id() + "/"), person.name(), person.email());
  }
}
