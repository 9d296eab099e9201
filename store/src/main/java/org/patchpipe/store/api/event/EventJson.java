package org.patchpipe.store.api.event;

import java.util.Map;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * An event ({@code EventSerializer}, API 1.2): the payload holds exactly the fields of its
 * category, in Patchwork's order (patch, series, cover, previous/current state, previous/current
 * delegate, check, previous/current relation).
 */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record EventJson(
    long id,
    String category,
    EmbeddedProject project,
    String date,
    EmbeddedUser actor,
    Map<String, Object> payload) {}
