package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Links each new revision of a project's series to the one before ({@link RevisionLinker}) and
 * saves what is new ({@link RevisionDatabase}): the link, the patch relations and, where the
 * project wants it, the older patches superseded. One transaction under a per-project advisory
 * lock; series linked before are left as they are, so running it again changes nothing.
 *
 * <pre>{@code
 * LinkRevisions.Summary s = new LinkRevisions(connection).run("linux-efi");
 * }</pre>
 *
 * <p>One per thread. Fails with {@link CommitMatchException} for an unknown project and
 * {@link SQLException} for the database; on failure the transaction is rolled back.
 */
public final class LinkRevisions {
  private final Connection connection;

  private final Clock clock;

  public LinkRevisions(Connection connection) {
    this(connection, Clock.systemUTC());
  }

  /** With the clock that stamps the events it records. */
  public LinkRevisions(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  /**
   * What a run did.
   *
   * @param series the series of the project
   * @param links the links made in this run
   * @param superseded the patches this run superseded
   */
  public record Summary(int series, List<RevisionLink> links, int superseded) {
    public Summary {
      links = List.copyOf(links);
    }
  }

  /** Links the revisions of the project with this id or link name. */
  public Summary run(String project) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      long projectId = CommitMatchDatabase.projectId(connection, project);
      RevisionDatabase database = new RevisionDatabase(connection, projectId, clock);
      database.lock();
      List<SeriesRevision> revisions = new SeriesRevisions().addAll(database.seriesMails()).revisions();
      Set<Long> linked = database.linkedSeries();
      boolean supersede = database.supersedes();
      List<RevisionLink> made = new ArrayList<>();
      int superseded = 0;
      for (RevisionLink link : new RevisionLinker().link(revisions)) {
        if (!linked.contains(link.series())) {
          superseded += database.save(link, supersede);
          made.add(link);
        }
      }
      connection.commit();
      return new Summary(revisions.size(), made, superseded);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
