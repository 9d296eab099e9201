package org.patchpipe.store.api.patch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.InProject;
import org.patchpipe.store.db.PatchQueries;
import org.patchpipe.store.db.PatchQueries.PatchRow;
import org.patchpipe.store.db.SubmissionRow;

/**
 * Turns a page of the store's {@link PatchRow}s into {@link PatchJson}, with {@code related}
 * filled: every other patch of each row's relation, fetched for the whole page at once. Stateless.
 */
final class PatchRows {
  private PatchRows() {}

  static List<PatchJson> json(PatchQueries queries, List<PatchRow> rows, Urls urls) throws SQLException {
    List<Long> relations = new ArrayList<>();
    for (PatchRow row : rows) {
      if (row.relatedId() != null && !relations.contains(row.relatedId())) {
        relations.add(row.relatedId());
      }
    }
    Map<Long, List<InProject<SubmissionRow>>> members = queries.relationMembers(relations);
    List<PatchJson> out = new ArrayList<>(rows.size());
    for (PatchRow row : rows) {
      List<EmbeddedSubmission> related = new ArrayList<>();
      if (row.relatedId() != null) {
        for (InProject<SubmissionRow> other : members.getOrDefault(row.relatedId(), List.of())) {
          if (other.row().id() != row.id()) {
            related.add(EmbeddedSubmission.of(other.row(), EmbeddedSubmission.Kind.PATCH, other.linkName(),
                other.listArchiveUrlFormat(), urls));
          }
        }
      }
      out.add(json(row, List.copyOf(related), urls));
    }
    return out;
  }

  private static PatchJson json(PatchRow row, List<EmbeddedSubmission> related, Urls urls) {
    long id = row.id();
    EmbeddedProject project = EmbeddedProject.of(row.project(), urls);
    EmbeddedSeries series = EmbeddedSeries.of(row.series(), project.linkName(), urls);
    String web = urls.patchWeb(project.linkName(), row.msgid());
    return new PatchJson(
        id,
        urls.api("patches/" + id + "/"),
        web,
        project,
        row.msgid(),
        Urls.listArchiveUrl(project.listArchiveUrlFormat(), row.msgid()),
        Dates.iso(row.date()),
        row.name(),
        row.commitRef(),
        row.pullUrl(),
        row.state(),
        row.archived(),
        row.hash(),
        EmbeddedPerson.of(row.submitter(), urls),
        EmbeddedUser.of(row.delegate(), urls),
        web + "mbox/",
        series == null ? List.of() : List.of(series),
        urls.unversioned("patches/" + id + "/comments/"),
        row.check(),
        urls.unversioned("patches/" + id + "/checks/"),
        Map.of(),
        related);
  }
}
