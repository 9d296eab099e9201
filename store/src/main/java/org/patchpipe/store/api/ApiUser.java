package org.patchpipe.store.api;

/**
 * The authenticated caller: a Patchwork (Django) user. Immutable.
 *
 * @param id the user's id
 * @param username the login name
 * @param firstName first name, may be empty
 * @param lastName last name, may be empty
 * @param email the user's address
 */
public record ApiUser(long id, String username, String firstName, String lastName, String email) {}
