package org.patchpipe.store.api.check;

import org.patchpipe.store.api.embedded.EmbeddedUser;

/** A check as {@code /patches/<id>/checks/} renders it ({@code CheckSerializer}). */
public record CheckJson(
    long id,
    String url,
    EmbeddedUser user,
    String date,
    String state,
    String targetUrl,
    String context,
    String description) {}
