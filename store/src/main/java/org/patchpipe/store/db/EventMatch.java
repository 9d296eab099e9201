package org.patchpipe.store.db;

import java.time.LocalDateTime;
import java.util.Set;

/**
 * An {@link EventRepository.EventFilter} resolved for a stream ({@link EventRepository#match}):
 * tells in memory whether an event read by the shared poll is one the filter lists. An empty id
 * set is no filter on that link; a null date no bound. Immutable.
 *
 * @param nothing some filter value names nothing, so no event matches
 * @param categories the categories served (the filter's one, or all the client's version serves)
 * @param projects the projects' ids
 * @param series the series' ids
 * @param patches the patches' ids
 * @param covers the covers' ids
 * @param actors the actors' ids
 * @param since the earliest date, inclusive
 * @param before the date events must precede
 */
public record EventMatch(boolean nothing, Set<String> categories, Set<Long> projects, Set<Long> series,
    Set<Long> patches, Set<Long> covers, Set<Long> actors, LocalDateTime since, LocalDateTime before) {

  /** Whether {@code event} is one the filter lists. */
  public boolean test(EventRepository.EventRow event) {
    return !nothing
        && categories.contains(event.category())
        && among(projects, event.project().id())
        && among(series, event.series() == null ? null : event.series().id())
        && among(patches, event.patch() == null ? null : event.patch().id())
        && among(covers, event.cover() == null ? null : event.cover().id())
        && among(actors, event.actor() == null ? null : event.actor().id())
        && (since == null || !event.date().isBefore(since))
        && (before == null || event.date().isBefore(before));
  }

  private static boolean among(Set<Long> ids, Long id) {
    return ids.isEmpty() || (id != null && ids.contains(id));
  }
}
