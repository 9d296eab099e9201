package org.patchpipe.store.api.embedded;

import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.SeriesRefRow;

/** A series as nested in patches, covers and events. */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record EmbeddedSeries(
    long id, String url, String webUrl, String date, String name, int version, String mbox) {

  /** The series as nested, or null for none. */
  public static EmbeddedSeries of(SeriesRefRow row, String linkName, Urls urls) {
    if (row == null) {
      return null;
    }
    return new EmbeddedSeries(
        row.id(),
        urls.api("series/" + row.id() + "/"),
        urls.seriesWeb(linkName, row.id()),
        row.date() == null ? null : Dates.iso(row.date()),
        row.name(),
        row.version(),
        urls.seriesMbox(row.id()));
  }
}
