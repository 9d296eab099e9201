package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's tables as revision linking needs them, in plain SQL on the caller's connection and
 * transaction: every series of a project read back as {@link SeriesMail}s, the links already made
 * ({@code series_revision}), and writing a new link with its consequences, as Patchwork models
 * them: each newer patch joins its older counterpart's {@code PatchRelation} (so the patch API's
 * {@code related} lists it), with {@code patch-relation-changed} events, and, where the project
 * says so ({@code supersede_revisions}), the older series' patches still awaiting a decision become
 * {@code superseded}, with {@code patch-state-changed} events.
 *
 * <p>One per connection and thread. Every method fails with {@link SQLException}.
 */
public final class RevisionDatabase {
  /** Advisory lock class for revision linking; the second key is the project id. */
  private static final int LOCK_CLASS = 0x70707276;
  /** States an older revision's patch may still be in for a newer revision to supersede it. */
  private static final String OPEN_STATES = "('new', 'under-review', 'changes-requested', 'rfc')";

  private final Connection connection;
  private final long projectId;

  public RevisionDatabase(Connection connection, long projectId) {
    this.connection = connection;
    this.projectId = projectId;
  }

  /** Waits until no other linking run holds this project, until the transaction ends. */
  public void lock() throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, (int) projectId);
      s.execute();
    }
  }

  /** The cover letters and patches of every series of the project. */
  public List<SeriesMail> seriesMails() throws SQLException {
    List<SeriesMail> mails = new ArrayList<>();
    String select = " s.id, s.version, pe.email, x.date, x.msgid, x.name, x.headers, x.content"
        + " FROM series s JOIN %s x ON %s JOIN person pe ON pe.id = x.submitter_id"
        + " WHERE s.project_id = ? ORDER BY x.date, x.id";
    for (String sql : List.of(
        "SELECT" + String.format(select, "cover", "x.id = s.cover_letter_id"),
        "SELECT" + String.format(select, "patch", "x.series_id = s.id"))) {
      try (PreparedStatement q = connection.prepareStatement(sql)) {
        q.setLong(1, projectId);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            mails.add(new SeriesMail(rs.getLong(1), rs.getInt(2), rs.getString(3),
                rs.getTimestamp(4).toLocalDateTime(), rs.getString(5), rs.getString(6),
                SeriesRevisions.references(rs.getString(7)), rs.getString(8)));
          }
        }
      }
    }
    return mails;
  }

  /** The series of the project already linked to an earlier revision. */
  public Set<Long> linkedSeries() throws SQLException {
    Set<Long> linked = new HashSet<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT r.series_id FROM series_revision r"
        + " JOIN series s ON s.id = r.series_id WHERE s.project_id = ?")) {
      q.setLong(1, projectId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          linked.add(rs.getLong(1));
        }
      }
    }
    return linked;
  }

  /** Whether the project turns older revisions' patches superseded. */
  public boolean supersedes() throws SQLException {
    try (PreparedStatement q = connection.prepareStatement("SELECT supersede_revisions FROM project WHERE id = ?")) {
      q.setLong(1, projectId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Records {@code link}, relates each newer patch to its older counterpart and, if
   * {@code supersede}, supersedes the older series' open patches.
   *
   * @return the number of patches superseded
   */
  public int save(RevisionLink link, boolean supersede) throws SQLException {
    try (PreparedStatement i = connection.prepareStatement(
        "INSERT INTO series_revision (series_id, previous_id, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      i.setLong(1, link.series());
      i.setLong(2, link.previous());
      i.setString(3, link.reason().wireName());
      if (i.executeUpdate() == 0) {
        return 0;
      }
    }
    List<Patch> older = patches(link.previous());
    List<Patch> newer = patches(link.series());
    for (Patch n : newer) {
      Patch o = counterpart(n, older, newer.size() == older.size());
      if (o != null) {
        relate(o, n);
      }
    }
    return supersede ? supersede(link.previous()) : 0;
  }

  /** A patch of a series as pairing needs it. */
  private record Patch(long id, String title, Integer number) {}

  private List<Patch> patches(long seriesId) throws SQLException {
    List<Patch> out = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT id, name, number FROM patch WHERE series_id = ? ORDER BY number, id")) {
      q.setLong(1, seriesId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          int number = rs.getInt(3);
          out.add(new Patch(rs.getLong(1), SeriesRevision.title(rs.getString(2)), rs.wasNull() ? null : number));
        }
      }
    }
    return out;
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

  /** Puts both patches in one PatchRelation, the older one's if it has one. */
  private void relate(Patch older, Patch newer) throws SQLException {
    Long olderRelation = relation(older.id());
    Long newerRelation = relation(newer.id());
    if (olderRelation != null && olderRelation.equals(newerRelation)) {
      return;
    }
    long target;
    if (olderRelation != null) {
      target = olderRelation;
    } else if (newerRelation != null) {
      target = newerRelation;
    } else {
      try (PreparedStatement i = connection.prepareStatement(
          "INSERT INTO patch_relation DEFAULT VALUES RETURNING id"); ResultSet rs = i.executeQuery()) {
        rs.next();
        target = rs.getLong(1);
      }
    }
    // Every patch of the other relation moves too, so a chain v1, v2, v3 is one relation.
    List<long[]> moved = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT id, related_id FROM patch"
        + " WHERE (id IN (?, ?) OR (related_id IS NOT NULL AND related_id IN (?, ?))) AND related_id IS DISTINCT FROM ?")) {
      q.setLong(1, older.id());
      q.setLong(2, newer.id());
      q.setLong(3, olderRelation == null ? -1 : olderRelation);
      q.setLong(4, newerRelation == null ? -1 : newerRelation);
      q.setLong(5, target);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          long previous = rs.getLong(2);
          moved.add(new long[] {id, rs.wasNull() ? -1 : previous});
        }
      }
    }
    for (long[] m : moved) {
      try (PreparedStatement u = connection.prepareStatement("UPDATE patch SET related_id = ? WHERE id = ?")) {
        u.setLong(1, target);
        u.setLong(2, m[0]);
        u.executeUpdate();
      }
      try (PreparedStatement e = connection.prepareStatement("INSERT INTO event (project_id, category, patch_id,"
          + " previous_relation_id, current_relation_id) VALUES (?, 'patch-relation-changed', ?, ?, ?)")) {
        e.setLong(1, projectId);
        e.setLong(2, m[0]);
        if (m[1] < 0) {
          e.setNull(3, java.sql.Types.BIGINT);
        } else {
          e.setLong(3, m[1]);
        }
        e.setLong(4, target);
        e.executeUpdate();
      }
    }
    try (PreparedStatement d = connection.prepareStatement(
        "DELETE FROM patch_relation r WHERE r.id IN (?, ?) AND NOT EXISTS (SELECT 1 FROM patch WHERE related_id = r.id)")) {
      d.setLong(1, olderRelation == null ? -1 : olderRelation);
      d.setLong(2, newerRelation == null ? -1 : newerRelation);
      d.executeUpdate();
    }
  }

  private Long relation(long patchId) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement("SELECT related_id FROM patch WHERE id = ?")) {
      q.setLong(1, patchId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        long r = rs.getLong(1);
        return rs.wasNull() ? null : r;
      }
    }
  }

  private int supersede(long seriesId) throws SQLException {
    long superseded = CommitMatchDatabase.stateId(connection, "superseded");
    List<long[]> open = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT p.id, p.state_id FROM patch p JOIN state st"
        + " ON st.id = p.state_id WHERE p.series_id = ? AND st.slug IN " + OPEN_STATES + " ORDER BY p.id FOR UPDATE OF p")) {
      q.setLong(1, seriesId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          open.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    for (long[] p : open) {
      try (PreparedStatement u = connection.prepareStatement("UPDATE patch SET state_id = ? WHERE id = ?")) {
        u.setLong(1, superseded);
        u.setLong(2, p[0]);
        u.executeUpdate();
      }
      PatchStateEvents.record(connection, projectId, p[0], p[1], superseded);
    }
    return open.size();
  }
}
