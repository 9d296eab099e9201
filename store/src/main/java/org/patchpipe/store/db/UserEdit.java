package org.patchpipe.store.db;

import java.util.Optional;

/**
 * The fields a user's edit of their own account sets (Patchwork's writable
 * {@code UserDetailSerializer} fields), already validated: names on {@code auth_user}, settings on
 * the user's profile; each is empty when the edit leaves it alone. Immutable.
 */
public record UserEdit(
    Optional<String> firstName,
    Optional<String> lastName,
    Optional<Boolean> sendEmail,
    Optional<Integer> itemsPerPage,
    Optional<Boolean> showIds) {}
