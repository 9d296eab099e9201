package org.patchpipe.store.web;

/**
 * The heading of a series view: which series the list shows, with its cover letter and mbox.
 * Text from mail, escaped by the template. Immutable.
 *
 * @param id the series id
 * @param name the series' name ("Untitled series #N" where it has none)
 * @param version the series' version, from 1
 * @param total how many patches the series announces
 * @param submitter the submitter's name, or address where none
 * @param coverName the cover letter's name, empty where none
 * @param coverHref the cover letter's page, empty where none
 * @param mboxHref the whole series as one mbox
 */
public record SeriesHeading(long id, String name, int version, int total, String submitter, String coverName,
    String coverHref, String mboxHref) {}
