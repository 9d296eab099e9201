package org.patchpipe.store.api.person;

import org.patchpipe.store.api.embedded.EmbeddedUser;

/** A person as {@code /people/} renders it: the embedded form plus the linked user, if any. */
public record PersonJson(long id, String url, String name, String email, EmbeddedUser user) {}
