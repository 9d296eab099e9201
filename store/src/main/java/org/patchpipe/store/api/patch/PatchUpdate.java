package org.patchpipe.store.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Editing;

/**
 * The writable fields of a patch as a client sent them, validated the way Patchwork's serializer
 * does: {@code state} (a state slug, any case), {@code delegate} (a user id or null; must maintain
 * the project), {@code archived}, {@code commit_ref} and {@code pull_url} (at most 255 characters).
 * A {@code PUT} must send {@code state} and {@code delegate}. Immutable.
 */
record PatchUpdate(
    boolean hasState, String state,
    boolean hasDelegate, Long delegate,
    boolean hasArchived, Boolean archived,
    boolean hasCommitRef, String commitRef,
    boolean hasPullUrl, String pullUrl) {

  static PatchUpdate parse(JsonNode body, boolean partial) {
    if (!body.isObject()) {
      throw ApiException.invalid(Map.of("non_field_errors",
          List.of("Invalid data. Expected a dictionary, but got " + typeName(body) + ".")));
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    String state = null;
    JsonNode s = body.get("state");
    if (s == null) {
      if (!partial) {
        errors.put("state", List.of("This field is required."));
      }
    } else if (!s.isTextual()) {
      errors.put("state", List.of("Incorrect type. Expected string value, received " + typeName(s) + "."));
    } else {
      state = slugify(s.asText().toLowerCase(Locale.ROOT));
    }
    Long delegate = null;
    JsonNode d = body.get("delegate");
    if (d == null) {
      if (!partial) {
        errors.put("delegate", List.of("This field is required."));
      }
    } else if (!d.isNull() && !(d.isTextual() && d.asText().isEmpty())) {
      // DRF turns an empty string into null for relations (form posts send "delegate=").
      if (d.canConvertToLong() && d.isIntegralNumber()) {
        delegate = d.asLong();
      } else if (d.isTextual() && d.asText().strip().matches("\\d{1,18}")) {
        delegate = Long.parseLong(d.asText().strip());
      } else {
        errors.put("delegate", List.of("Incorrect type. Expected pk value, received " + typeName(d) + "."));
      }
    }
    Boolean archived = null;
    JsonNode a = body.get("archived");
    if (a != null) {
      archived = parseBoolean(a);
      if (archived == null) {
        errors.put("archived", List.of("Must be a valid boolean."));
      }
    }
    String commitRef = text(body, "commit_ref", errors);
    String pullUrl = text(body, "pull_url", errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new PatchUpdate(
        s != null, state, d != null, delegate, a != null, archived,
        body.has("commit_ref"), commitRef, body.has("pull_url"), pullUrl);
  }

  /** Applies the update to a locked, existing patch, recording Patchwork's events for it. */
  void apply(Connection connection, long patchId, ApiUser actor) throws SQLException {
    long projectId;
    long oldState;
    Long oldDelegate;
    String projectName;
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT p.project_id, p.state_id, p.delegate_id, pr.name FROM patch p"
            + " JOIN project pr ON pr.id = p.project_id WHERE p.id = ?")) {
      ps.setLong(1, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        projectId = rs.getLong(1);
        oldState = rs.getLong(2);
        long del = rs.getLong(3);
        oldDelegate = rs.wasNull() ? null : del;
        projectName = rs.getString(4);
      }
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    Long newState = null;
    if (hasState) {
      newState = stateId(connection, state);
      if (newState == null) {
        errors.put("state", List.of("Invalid state " + state + ". Expected one of: "
            + String.join(", ", PatchHandler.stateSlugs(connection)) + "."));
      }
    }
    if (hasDelegate && delegate != null) {
      String username = username(connection, delegate);
      if (username == null) {
        errors.put("delegate", List.of("Invalid pk \"" + delegate + "\" - object does not exist."));
      } else if (!Editing.maintains(connection, delegate, projectId)) {
        errors.put("delegate", List.of(
            "User '" + username + "' is not a maintainer for project '" + projectName + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    List<String> sets = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    if (hasState) {
      sets.add("state_id = ?");
      values.add(newState);
      types.add(Types.BIGINT);
    }
    if (hasDelegate) {
      sets.add("delegate_id = ?");
      values.add(delegate);
      types.add(Types.BIGINT);
    }
    if (hasArchived) {
      sets.add("archived = ?");
      values.add(archived);
      types.add(Types.BOOLEAN);
    }
    if (hasCommitRef) {
      sets.add("commit_ref = ?");
      values.add(commitRef);
      types.add(Types.VARCHAR);
    }
    if (hasPullUrl) {
      sets.add("pull_url = ?");
      values.add(pullUrl);
      types.add(Types.VARCHAR);
    }
    if (!sets.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE patch SET " + String.join(", ", sets) + " WHERE id = ?")) {
        for (int i = 0; i < values.size(); i++) {
          ps.setObject(i + 1, values.get(i), types.get(i));
        }
        ps.setLong(values.size() + 1, patchId);
        ps.executeUpdate();
      }
    }
    if (hasState && newState.longValue() != oldState) {
      event(connection, "patch-state-changed", projectId, actor, patchId,
          "previous_state_id, current_state_id", oldState, newState);
    }
    if (hasDelegate && !java.util.Objects.equals(delegate, oldDelegate)) {
      event(connection, "patch-delegated", projectId, actor, patchId,
          "previous_delegate_id, current_delegate_id", oldDelegate, delegate);
    }
  }

  private static void event(
      Connection connection, String category, long projectId, ApiUser actor, long patchId,
      String columns, Long previous, Long current) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO event (category, project_id, actor_id, patch_id, " + columns
            + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, category);
      ps.setLong(2, projectId);
      ps.setLong(3, actor.id());
      ps.setLong(4, patchId);
      ps.setObject(5, previous, Types.BIGINT);
      ps.setObject(6, current, Types.BIGINT);
      ps.executeUpdate();
    }
  }

  private static Long stateId(Connection connection, String slug) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM state WHERE slug = ?")) {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static String username(Connection connection, long userId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT username FROM auth_user WHERE id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static String text(JsonNode body, String field, Map<String, List<String>> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!(node.isTextual() || node.isNumber())) {
      errors.put(field, List.of("Not a valid string."));
      return null;
    }
    String value = node.asText();
    if (value.length() > 255) {
      errors.put(field, List.of("Ensure this field has no more than 255 characters."));
    }
    return value;
  }

  private static Boolean parseBoolean(JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    String text = node.isNumber() ? node.asText() : node.isTextual() ? node.asText() : "";
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": case "on": case "y": case "t":
        return Boolean.TRUE;
      case "false": case "0": case "no": case "off": case "n": case "f":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /** Django's {@code slugify}: ASCII letters, digits, underscores and hyphens; spaces become hyphens. */
  static String slugify(String value) {
    String ascii = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKD)
        .replaceAll("[^\\x00-\\x7F]", "");
    String cleaned = ascii.toLowerCase(Locale.ROOT).replaceAll("[^\\w\\s-]", "");
    return cleaned.replaceAll("[-\\s]+", "-").replaceAll("^[-_]+|[-_]+$", "");
  }

  private static String typeName(JsonNode node) {
    if (node.isIntegralNumber()) {
      return "int";
    }
    if (node.isNumber()) {
      return "float";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isArray()) {
      return "list";
    }
    if (node.isObject()) {
      return "dict";
    }
    if (node.isNull()) {
      return "NoneType";
    }
    return "str";
  }
}
