package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Patchwork's bundles ({@code bundle}, {@code bundle_patch}): a user's named, ordered selection of
 * patches of one project. One visibility rule, Patchwork's, is written here and applies to every
 * read: a bundle is seen by its owner, and by everyone when it is public; others are told it does
 * not exist. The order of a bundle's patches is the order they were given in ({@code bundle_patch.order},
 * 1-based), as Patchwork's {@code overwrite_patches} numbers them. Runs on the caller's connection
 * (writes inside the caller's transaction); fails with {@link SQLException}.
 */
public final class BundleRepository {
  /** A bundle with its project and owner. */
  public record BundleRow(long id, String name, boolean isPublic, ProjectRow project, UserRow owner) {}

  /**
   * Patchwork's {@code BundleFilterSet} and search: projects by id or link name, owners by id or
   * username (each value must name a row, else nothing matches), {@code public} as Django reads a
   * boolean (null: either), and {@code q} on the name.
   */
  public record BundleFilter(List<String> projects, List<String> owners, Boolean isPublic, String q) {}

  private static final String FROM = " FROM bundle b"
      + " JOIN project pr ON pr.id = b.project_id"
      + " JOIN auth_user o ON o.id = b.owner_id";
  private static final String SELECT = "SELECT b.id, b.name, b.public, "
      + ProjectRow.columns("pr", "pr_") + ", " + UserRow.columns("o", "o_");
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "b.id", "name", "b.name", "owner", "b.owner_id"), "id");

  private final Connection connection;

  public BundleRepository(Connection connection) {
    this.connection = connection;
  }

  /** The bundles {@code viewer} (null: anonymous) may see that match {@code filter}, in {@code order}. */
  public ListQuery<BundleRow> list(BundleFilter filter, Long viewer, String order) throws SQLException {
    SqlFilter f = visibleTo(viewer);
    f.choice(connection, "b.project_id", filter.projects(), "project", "linkname", v -> v);
    f.choice(connection, "b.owner_id", filter.owners(), "auth_user", "username", v -> v);
    if (filter.isPublic() != null) {
      f.where("b.public = ?", filter.isPublic());
    }
    f.search(filter.q(), "b.name");
    return new ListQuery<>("SELECT count(*)" + FROM, SELECT + FROM, f, ORDERING.sql(order, "b.id"),
        BundleRepository::row);
  }

  /** The bundle with this id, if {@code viewer} may see it. */
  public Optional<BundleRow> findVisible(long id, Long viewer) throws SQLException {
    return one(visibleTo(viewer).where("b.id = ?", id));
  }

  /** The bundle {@code name} of the user {@code username}, if {@code viewer} may see it. */
  public Optional<BundleRow> findVisible(String username, String name, Long viewer) throws SQLException {
    return one(visibleTo(viewer).where("o.username = ?", username).where("b.name = ?", name));
  }

  /**
   * The patches of each of these bundles as Patchwork's serializer lists them: by the patches'
   * own order (date, then id), not the bundle's. A bundle without any is absent.
   */
  public Map<Long, List<InProject<SubmissionRow>>> patches(List<Long> bundleIds) throws SQLException {
    Map<Long, List<InProject<SubmissionRow>>> patches = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT bp.bundle_id, " + SubmissionRow.columns("p", "p_") + ", pr.linkname, pr.list_archive_url_format"
            + " FROM bundle_patch bp JOIN patch p ON p.id = bp.patch_id JOIN project pr ON pr.id = p.project_id"
            + " WHERE bp.bundle_id = ANY (?) ORDER BY p.date, p.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", bundleIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          patches.computeIfAbsent(rs.getLong("bundle_id"), k -> new ArrayList<>()).add(new InProject<>(
              SubmissionRow.readNullable(rs, "p_"), rs.getString("linkname"), rs.getString("list_archive_url_format")));
        }
      }
    }
    return patches;
  }

  /** The bundle's patch ids in the bundle's order, as its mbox lists them. */
  public List<Long> orderedPatchIds(long bundleId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT patch_id FROM bundle_patch WHERE bundle_id = ? ORDER BY \"order\", id")) {
      ps.setLong(1, bundleId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** The project of each of these patches that exists, in the order asked. */
  public Map<Long, Long> patchProjects(List<Long> patchIds) throws SQLException {
    Map<Long, Long> found = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT id, project_id FROM patch WHERE id = ANY (?)")) {
      ps.setArray(1, connection.createArrayOf("bigint", patchIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    Map<Long, Long> ordered = new LinkedHashMap<>();
    for (long id : patchIds) {
      if (found.containsKey(id)) {
        ordered.put(id, found.get(id));
      }
    }
    return ordered;
  }

  /** Whether {@code ownerId} has a bundle called {@code name} other than {@code exceptId} (null: none). */
  public boolean nameTaken(long ownerId, String name, Long exceptId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT 1 FROM bundle WHERE owner_id = ? AND name = ? AND id IS DISTINCT FROM ?")) {
      ps.setLong(1, ownerId);
      ps.setString(2, name);
      ps.setObject(3, exceptId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Creates an empty bundle; returns its id. */
  public long create(long ownerId, long projectId, String name, boolean isPublic) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO bundle (owner_id, project_id, name, public) VALUES (?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, ownerId);
      ps.setLong(2, projectId);
      ps.setString(3, name);
      ps.setBoolean(4, isPublic);
      return SqlWork.returnedId(ps);
    }
  }

  /** Sets the bundle's name, visibility and project (each null: unchanged). */
  public void update(long id, String name, Boolean isPublic, Long projectId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("UPDATE bundle SET name = coalesce(?, name),"
        + " public = coalesce(?, public), project_id = coalesce(?, project_id) WHERE id = ?")) {
      ps.setString(1, name);
      ps.setObject(2, isPublic);
      ps.setObject(3, projectId);
      ps.setLong(4, id);
      ps.executeUpdate();
    }
  }

  /**
   * Replaces the bundle's patches by {@code patchIds}, numbered 1, 2, ... in that order; a patch
   * given twice keeps its first place, as Patchwork's {@code append_patch} skips one already there.
   */
  public void replacePatches(long id, List<Long> patchIds) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM bundle_patch WHERE bundle_id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO bundle_patch (bundle_id, patch_id, \"order\") VALUES (?, ?, ?)")) {
      int order = 0;
      for (long patchId : new java.util.LinkedHashSet<>(patchIds)) {
        ps.setLong(1, id);
        ps.setLong(2, patchId);
        ps.setInt(3, ++order);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes the bundle (its patch links go with it). */
  public void delete(long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM bundle WHERE id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  /** Patchwork's bundle queryset: public ones, and the viewer's own. */
  private static SqlFilter visibleTo(Long viewer) {
    SqlFilter f = new SqlFilter();
    return viewer == null ? f.where("b.public") : f.where("(b.public OR b.owner_id = ?)", viewer);
  }

  private Optional<BundleRow> one(SqlFilter filter) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SELECT + FROM + filter.sql())) {
      filter.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static BundleRow row(ResultSet rs) throws SQLException {
    return new BundleRow(rs.getLong("id"), rs.getString("name"), rs.getBoolean("public"),
        ProjectRow.read(rs, "pr_"), UserRow.readNullable(rs, "o_"));
  }
}
