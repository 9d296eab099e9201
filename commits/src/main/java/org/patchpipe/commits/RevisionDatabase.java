package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.patchpipe.store.db.PatchRelationRepository;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.ProjectLock;
import org.patchpipe.store.db.RevisionRepository;

/**
 * The store as revision linking needs it, through the store's repositories on the caller's
 * connection and transaction: every series of a project read back as {@link SeriesMail}s, the
 * links already made, and writing a new link with its consequences, as Patchwork models them: each
 * newer patch joins its older counterpart's {@code PatchRelation} (so the patch API's
 * {@code related} lists it), with {@code patch-relation-changed} events, and, where the project
 * says so ({@code supersede_revisions}), the older series' patches still awaiting a decision become
 * {@code superseded}, with {@code patch-state-changed} events.
 *
 * <p>One per connection and thread. Every method fails with {@link SQLException}.
 */
public final class RevisionDatabase {
  private final Connection connection;
  private final long projectId;
  private final RevisionRepository revisions;
  private final PatchRepository patches;
  private final PatchRelationRepository relations;

  public RevisionDatabase(Connection connection, long projectId, Clock clock) {
    this.connection = connection;
    this.projectId = projectId;
    this.revisions = new RevisionRepository(connection);
    this.patches = new PatchRepository(connection, clock);
    this.relations = new PatchRelationRepository(connection, clock);
  }

  /** Waits until no other linking run holds this project, until the transaction ends. */
  public void lock() throws SQLException {
    ProjectLock.REVISION_LINKING.acquire(connection, projectId);
  }

  /** The cover letters and patches of every series of the project. */
  public List<SeriesMail> seriesMails() throws SQLException {
    return revisions.seriesMails(projectId).stream()
        .map(m -> new SeriesMail(m.seriesId(), m.version(), m.submitterEmail(), m.date(), m.msgid(), m.name(),
            SeriesRevisions.references(m.headers()), m.content()))
        .toList();
  }

  /** The series of the project already linked to an earlier revision. */
  public Set<Long> linkedSeries() throws SQLException {
    return revisions.linkedSeries(projectId);
  }

  /** Whether the project turns older revisions' patches superseded. */
  public boolean supersedes() throws SQLException {
    return revisions.supersedes(projectId);
  }

  /**
   * Records {@code link}, relates each newer patch to its older counterpart and, if
   * {@code supersede}, supersedes the older series' open patches.
   *
   * @return the number of patches superseded
   */
  public int save(RevisionLink link, boolean supersede) throws SQLException {
    if (!revisions.link(link.series(), link.previous(), link.reason().wireName())) {
      return 0;
    }
    List<Patch> older = patches(link.previous());
    List<Patch> newer = patches(link.series());
    for (Patch n : newer) {
      Patch o = counterpart(n, older, newer.size() == older.size());
      if (o != null) {
        relations.relate(projectId, o.id(), n.id());
      }
    }
    if (!supersede) {
      return 0;
    }
    return patches.supersedeOpen(projectId, link.previous(), CommitMatchDatabase.stateId(connection, "superseded"));
  }

  /** A patch of a series as pairing needs it. */
  private record Patch(long id, String title, Integer number) {}

  private List<Patch> patches(long seriesId) throws SQLException {
    return patches.ofSeries(seriesId).stream()
        .map(p -> new Patch(p.id(), SeriesRevision.title(p.name()), p.number()))
        .toList();
  }

  /** The older patch with the same title, else (same patch count) the same number, else null. */
  private static Patch counterpart(Patch n, List<Patch> older, boolean sameCount) {
    for (Patch o : older) {
      if (o.title().equals(n.title())) {
        return o;
      }
    }
    if (sameCount && n.number() != null) {
      for (Patch o : older) {
        if (n.number().equals(o.number())) {
          return o;
        }
      }
    }
    return null;
  }
}
