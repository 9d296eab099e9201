package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchpipe.parser.Project;

/**
 * Patchwork's Project rows. A project is found by its list id; the store creates a missing one by
 * the oracle's rule ({@link Project#ofListId}: link name and name = the list id before its first
 * dot) unless one was configured beforehand. Stateless; runs on the caller's connection and
 * transaction; SQL failures are {@link StoreException}s.
 */
public final class ProjectRepository {
  private final Connection connection;

  public ProjectRepository(Connection connection) {
    this.connection = connection;
  }

  /** A project row: its id and the parser's view of it. */
  public record StoredProject(long id, Project project) {}

  /** What a project holds, for the command line's summaries. */
  public record Summary(String linkName, String listId, long patches, long covers, long comments, long series) {
    @Override
    public String toString() {
      return linkName + " (" + listId + "): " + patches + " patches, " + covers + " cover letters, " + comments
          + " comments, " + series + " series";
    }
  }

  /**
   * A project as the site's front page lists it: its names and how many of its patches need
   * action (an action-required state, not archived: the patches Patchwork's list shows by default).
   */
  public record Triage(String linkName, String name, String listId, long actionRequired) {}

  /** Every project with its count of patches needing action, by name as Patchwork orders them. */
  public List<Triage> triage() throws SQLException {
    List<Triage> all = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT p.linkname, p.name, p.listid,"
        + " (SELECT count(*) FROM patch x JOIN state st ON st.id = x.state_id"
        + " WHERE x.project_id = p.id AND st.action_required AND NOT x.archived)"
        + " FROM project p ORDER BY p.name, p.linkname");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        all.add(new Triage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
      }
    }
    return all;
  }

  /** Every project with its counts, by link name. */
  public List<Summary> summaries() {
    return SqlWork.unchecked(() -> {
      List<Summary> all = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement("SELECT p.linkname, p.listid,"
          + " (SELECT count(*) FROM patch x WHERE x.project_id = p.id),"
          + " (SELECT count(*) FROM cover x WHERE x.project_id = p.id),"
          + " (SELECT count(*) FROM patch_comment c JOIN patch x ON x.id = c.patch_id WHERE x.project_id = p.id)"
          + " + (SELECT count(*) FROM cover_comment c JOIN cover x ON x.id = c.cover_id WHERE x.project_id = p.id),"
          + " (SELECT count(*) FROM series x WHERE x.project_id = p.id) FROM project p ORDER BY p.linkname");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          all.add(new Summary(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        }
      }
      return all;
    });
  }

  /**
   * The id of the project with this link name or, failing that, this id (for the command line's
   * {@code --project}), if any.
   */
  public Optional<Long> idOf(String idOrLinkName) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT id FROM project WHERE linkname = ? OR CAST(id AS text) = ? ORDER BY (linkname = ?) DESC LIMIT 1")) {
      q.setString(1, idOrLinkName);
      q.setString(2, idOrLinkName);
      q.setString(3, idOrLinkName);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static final String SELECT = "SELECT " + ProjectRow.columns("pr", "pr_") + " FROM project pr";
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "pr.id", "name", "pr.name", "link_name", "pr.linkname"), "id");

  /** Projects whose name or link name match the search {@code q} (null: all), in {@code order}. */
  public ListQuery<ProjectRow> search(String q, String order) {
    SqlFilter filter = new SqlFilter();
    filter.search(q, "pr.name", "pr.linkname");
    return new ListQuery<>("SELECT count(*) FROM project pr", SELECT, filter, ORDERING.sql(order, "pr.id"),
        rs -> ProjectRow.read(rs, "pr_"));
  }

  /** The project with this link name (the site's URLs name projects by it alone), if any. */
  public Optional<ProjectRow> byLinkName(String linkName) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SELECT + " WHERE pr.linkname = ?")) {
      ps.setString(1, linkName);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(ProjectRow.read(rs, "pr_")) : Optional.empty();
      }
    }
  }

  /** The project with this id or, where {@code key} is not a number, this link name. */
  public Optional<ProjectRow> byIdOrLinkName(String key) throws SQLException {
    String where;
    Object value;
    try {
      value = Long.parseLong(key);
      where = "pr.id = ?";
    } catch (NumberFormatException e) {
      value = key;
      where = "pr.linkname = ?";
    }
    try (PreparedStatement ps = connection.prepareStatement(SELECT + " WHERE " + where)) {
      ps.setObject(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(ProjectRow.read(rs, "pr_")) : Optional.empty();
      }
    }
  }

  /** Applies a maintainer's validated edit to the project. */
  public void edit(long projectId, ProjectEdit edit) throws SQLException {
    List<String> sets = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    edit.webUrl().ifPresent(v -> set(sets, values, "web_url", v));
    edit.scmUrl().ifPresent(v -> set(sets, values, "scm_url", v));
    edit.webscmUrl().ifPresent(v -> set(sets, values, "webscm_url", v));
    edit.listArchiveUrl().ifPresent(v -> set(sets, values, "list_archive_url", v));
    edit.listArchiveUrlFormat().ifPresent(v -> set(sets, values, "list_archive_url_format", v));
    edit.commitUrlFormat().ifPresent(v -> set(sets, values, "commit_url_format", v));
    edit.showDependencies().ifPresent(v -> set(sets, values, "show_dependencies", v));
    if (sets.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE project SET " + String.join(", ", sets) + " WHERE id = ?")) {
      for (int i = 0; i < values.size(); i++) {
        ps.setObject(i + 1, values.get(i));
      }
      ps.setLong(values.size() + 1, projectId);
      ps.executeUpdate();
    }
  }

  private static void set(List<String> sets, List<Object> values, String column, Object value) {
    sets.add(column + " = ?");
    values.add(value);
  }

  /** The maintainers of each of these projects, by user id; a project without any is absent. */
  public Map<Long, List<UserRow>> maintainers(List<Long> projectIds) throws SQLException {
    Map<Long, List<UserRow>> maintainers = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT m.project_id, " + UserRow.columns("u", "u_") + " FROM project_maintainer m"
            + " JOIN auth_user u ON u.id = m.user_id WHERE m.project_id = ANY (?) ORDER BY u.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", projectIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          maintainers.computeIfAbsent(rs.getLong("project_id"), k -> new ArrayList<>())
              .add(UserRow.readNullable(rs, "u_"));
        }
      }
    }
    return maintainers;
  }

  /** R2.3 (without subject_match): the project whose list id is {@code listId}, if any. */
  public Optional<StoredProject> findByListId(String listId) {
    return SqlWork.unchecked(() -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT id, linkname, listid, listemail FROM project WHERE listid = ? ORDER BY subject_match = '', linkname LIMIT 1")) {
        ps.setString(1, listId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new StoredProject(rs.getLong(1), new Project(rs.getString(2), rs.getString(3), rs.getString(4))));
        }
      }
    });
  }

  /**
   * The project for {@code listId}, created by the {@link Project#ofListId} rule if missing. When
   * another list already holds that link name (two lists named {@code linux.*}), the new project
   * gets {@code NAME-2}, {@code NAME-3}, ... so that no list's mail is refused.
   *
   * @throws IllegalArgumentException if {@code listId} has no dot
   */
  public StoredProject findOrCreate(String listId) {
    Optional<StoredProject> found = findByListId(listId);
    if (found.isPresent()) {
      return found.get();
    }
    Project rule = Project.ofListId(listId);
    String linkName = rule.linkName();
    for (int n = 2; linkNameTaken(linkName); n++) {
      linkName = rule.linkName() + "-" + n;
    }
    return create(new Project(linkName, rule.listId(), rule.listEmail()), linkName);
  }

  private boolean linkNameTaken(String linkName) {
    return SqlWork.unchecked(() -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM project WHERE linkname = ? OR name = ?")) {
        ps.setString(1, linkName);
        ps.setString(2, linkName);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /**
   * Creates a project.
   *
   * @throws StoreException if the link name, name or list id is taken
   */
  public StoredProject create(Project project, String name) {
    return SqlWork.unchecked(() -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO project (linkname, name, listid, listemail) VALUES (?, ?, ?, ?) RETURNING id")) {
        ps.setString(1, project.linkName());
        ps.setString(2, name);
        ps.setString(3, project.listId());
        ps.setString(4, project.listEmail());
        return new StoredProject(SqlWork.returnedId(ps), project);
      }
    });
  }
}
