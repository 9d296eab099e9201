package org.patchpipe.store.web;

/** A link a page shows: its text (from mail, escaped by the template) and where it goes. */
public record PageLink(String text, String href) {}
