package org.patchpipe.parser.series;

import java.util.Optional;
import org.patchpipe.parser.series.SeriesState.Person;

/**
 * Where {@link InMemorySeriesState} finds what was kept before it started: the loading half of the
 * one series-state mechanism. A project's rows are loaded whole, on the first mail of the project,
 * through the state's {@code restore} methods; persons and cover names, which Patchwork matches
 * across projects (R3.2, R7.3), are asked for one at a time when memory does not know them. The
 * store's source reads PostgreSQL, so a restarted store carries on in the middle of a series;
 * {@link #EMPTY} is a first run (and {@code patchpipe parse}).
 */
public interface SeriesSource {
  /** Nothing kept before. */
  SeriesSource EMPTY = new SeriesSource() {
    @Override
    public void loadProject(long projectId, InMemorySeriesState into) {}

    @Override
    public Optional<Person> findPerson(String email) {
      return Optional.empty();
    }

    @Override
    public boolean coverNameExists(String name) {
      return false;
    }
  };

  /** Restores into {@code into} every kept row of the project (patches, covers, comments, series, references, replies). */
  void loadProject(long projectId, InMemorySeriesState into);

  /** R3.2: the kept Person whose email equals {@code email} ignoring case. */
  Optional<Person> findPerson(String email);

  /** R7.3: whether a kept Cover of any project has exactly this name. */
  boolean coverNameExists(String name);
}
