package org.patchpipe.store.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.PercentCoding;
import org.patchpipe.store.db.PatchCounts;
import org.patchpipe.store.db.PatchQueries.PatchRow;
import org.patchpipe.store.db.StateRepository;
import org.patchpipe.store.db.StateRepository.State;

/**
 * Turns one page of patch rows into the rows a patch list shows, with their tag and check counts
 * read for the page at once. Shared by the project's list, the series view and bundle pages.
 * Holds the states' names for one request; not shared between requests.
 */
final class PatchLines {
  private final Connection connection;
  private final List<State> states;
  private final Map<String, String> stateNames = new HashMap<>();

  PatchLines(Connection connection) throws SQLException {
    this.connection = connection;
    this.states = new StateRepository(connection).all();
    for (State state : states) {
      stateNames.put(state.slug(), state.name());
    }
  }

  /** Every state, in Patchwork's order. */
  List<State> states() {
    return states;
  }

  /** The ids of the states needing action, as filter values. */
  List<String> actionRequired() {
    List<String> ids = new ArrayList<>();
    for (State state : states) {
      if (state.actionRequired()) {
        ids.add(Long.toString(state.id()));
      }
    }
    return ids;
  }

  List<PatchLine> of(List<PatchRow> rows) throws SQLException {
    Map<Long, PatchCounts.Counts> counts = new PatchCounts(connection).of(rows.stream().map(PatchRow::id).toList());
    List<PatchLine> lines = new ArrayList<>(rows.size());
    for (PatchRow row : rows) {
      lines.add(line(row, counts.getOrDefault(row.id(), PatchCounts.Counts.NONE)));
    }
    return lines;
  }

  /** Patchwork's {@code str(series)}: its name, or "Untitled series #N". */
  static String seriesName(String name, long id) {
    return name == null || name.isBlank() ? "Untitled series #" + id : name;
  }

  private PatchLine line(PatchRow row, PatchCounts.Counts c) {
    String linkName = row.project().linkName();
    String list = PatchListView.listPath(linkName);
    String submitter = row.submitter().name() == null || row.submitter().name().isBlank()
        ? row.submitter().email() : row.submitter().name();
    String delegate = row.delegate() == null ? "" : row.delegate().username();
    String series = row.series() == null ? "" : seriesName(row.series().name(), row.series().id());
    String seriesHref = row.series() == null ? "" : list + "?series=" + row.series().id();
    return new PatchLine(row.id(), row.name(),
        "/project/" + linkName + "/patch/" + PercentCoding.msgidPath(row.msgid()) + "/",
        series, seriesHref, c.acked(), c.reviewed(), c.tested(), c.success(), c.warning(), c.fail(),
        row.date().toLocalDate().toString(), submitter, list + "?submitter=" + row.submitter().id(), delegate,
        stateNames.getOrDefault(row.state(), row.state()));
  }
}
