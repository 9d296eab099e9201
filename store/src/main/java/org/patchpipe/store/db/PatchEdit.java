package org.patchpipe.store.db;

import java.util.Optional;

/**
 * The fields a user's edit sets on a patch, already validated: each is empty when the edit leaves
 * the field alone; for the nullable columns (delegate, commit ref, pull URL) the inner value is
 * empty when the edit clears it. Immutable.
 */
public record PatchEdit(
    Optional<Long> state,
    Optional<Optional<Long>> delegate,
    Optional<Boolean> archived,
    Optional<Optional<String>> commitRef,
    Optional<Optional<String>> pullUrl) {}
