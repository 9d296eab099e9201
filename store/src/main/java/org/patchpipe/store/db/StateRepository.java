package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Patchwork's patch states ({@code state}: slug, name, ordering). Read-only: the states are
 * Patchwork's fixed set, seeded by the schema. Runs on the caller's connection; fails with
 * {@link SQLException}.
 */
public final class StateRepository {
  private final Connection connection;

  public StateRepository(Connection connection) {
    this.connection = connection;
  }

  /** The id of the state with this slug ({@code accepted}), if there is one. */
  public Optional<Long> idOf(String slug) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM state WHERE slug = ?")) {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Every state's slug, in Patchwork's order. */
  public List<String> slugs() throws SQLException {
    List<String> slugs = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT slug FROM state ORDER BY ordering");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        slugs.add(rs.getString(1));
      }
    }
    return slugs;
  }

  /** A patch state: its slug, its display name and whether a patch in it needs action. */
  public record State(long id, String slug, String name, boolean actionRequired) {}

  /** Every state, in Patchwork's order. */
  public List<State> all() throws SQLException {
    List<State> states = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
            "SELECT id, slug, name, action_required FROM state ORDER BY ordering");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        states.add(new State(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
      }
    }
    return states;
  }
}
