package org.patchpipe.store.db;

import java.util.Optional;

/**
 * The fields a maintainer's edit sets on a project (Patchwork's writable {@code ProjectSerializer}
 * fields), already validated: each is empty when the edit leaves it alone. Immutable.
 */
public record ProjectEdit(
    Optional<String> webUrl,
    Optional<String> scmUrl,
    Optional<String> webscmUrl,
    Optional<String> listArchiveUrl,
    Optional<String> listArchiveUrlFormat,
    Optional<String> commitUrlFormat,
    Optional<Boolean> showDependencies) {}
