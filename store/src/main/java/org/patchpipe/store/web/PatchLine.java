package org.patchpipe.store.web;

/**
 * One row of the patch list, as shown: every field is text from mail or the database, escaped by
 * the template. Immutable.
 *
 * @param name the patch's name (its subject, prefixes cleaned)
 * @param href the patch page's site-relative link
 * @param submitter the submitter's name, or the address where the mail gave none
 * @param date the day the patch was sent, {@code yyyy-mm-dd}
 * @param delegate the delegate's username, empty where none
 * @param state the state's display name, e.g. {@code Under Review}
 */
public record PatchLine(String name, String href, String submitter, String date, String delegate, String state) {}
