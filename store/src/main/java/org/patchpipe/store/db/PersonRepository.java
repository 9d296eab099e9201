package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Patchwork's people ({@code person}): the submitters of mail, each linked to a user where one
 * registered with that address. Written by the consumer as mail arrives; read here for the API.
 * Runs on the caller's connection; fails with {@link SQLException}.
 */
public final class PersonRepository {
  /** A person with the user it is linked to (null if none). */
  public record PersonRow(long id, String name, String email, UserRow user) {}

  private static final String SELECT = "SELECT s.id, s.name, s.email, " + UserRow.columns("u", "u_")
      + " FROM person s LEFT JOIN auth_user u ON u.id = s.user_id";
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "s.id", "name", "s.name", "email", "s.email"), "id");

  private final Connection connection;

  public PersonRepository(Connection connection) {
    this.connection = connection;
  }

  /** People whose name or email matches the search {@code q} (null: all), in {@code order}. */
  public ListQuery<PersonRow> list(String q, String order) {
    SqlFilter filter = new SqlFilter();
    filter.search(q, "s.name", "s.email");
    return new ListQuery<>("SELECT count(*) FROM person s", SELECT, filter, ORDERING.sql(order, "s.id"),
        PersonRepository::row);
  }

  /** The person with this id, if any. */
  public Optional<PersonRow> find(long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SELECT + " WHERE s.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static PersonRow row(ResultSet rs) throws SQLException {
    return new PersonRow(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
        UserRow.readNullable(rs, "u_"));
  }
}
