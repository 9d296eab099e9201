package org.patchpipe.store.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.DrfFields;
import org.patchpipe.store.db.PatchEdit;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.StateRepository;
import org.patchpipe.store.db.UserRepository;

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
          List.of("Invalid data. Expected a dictionary, but got " + DrfFields.typeName(body) + ".")));
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    String state = null;
    JsonNode s = body.get("state");
    if (s == null) {
      if (!partial) {
        errors.put("state", List.of("This field is required."));
      }
    } else if (!s.isTextual()) {
      errors.put("state", List.of("Incorrect type. Expected string value, received " + DrfFields.typeName(s) + "."));
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
        errors.put("delegate", List.of("Incorrect type. Expected pk value, received " + DrfFields.typeName(d) + "."));
      }
    }
    Boolean archived = null;
    JsonNode a = body.get("archived");
    if (a != null) {
      archived = DrfFields.parseBoolean(a);
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
  void apply(Connection connection, Clock clock, long patchId, ApiUser actor) throws SQLException {
    PatchRepository patches = new PatchRepository(connection, clock);
    PatchRepository.EditTarget before = patches.editTarget(patchId);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    Optional<Long> newState = Optional.empty();
    if (hasState) {
      StateRepository states = new StateRepository(connection);
      newState = states.idOf(state);
      if (newState.isEmpty()) {
        errors.put("state", List.of("Invalid state " + state + ". Expected one of: "
            + String.join(", ", states.slugs()) + "."));
      }
    }
    if (hasDelegate && delegate != null) {
      UserRepository users = new UserRepository(connection);
      Optional<String> username = users.username(delegate);
      if (username.isEmpty()) {
        errors.put("delegate", List.of("Invalid pk \"" + delegate + "\" - object does not exist."));
      } else if (!users.maintains(delegate, before.projectId())) {
        errors.put("delegate", List.of(
            "User '" + username.get() + "' is not a maintainer for project '" + before.projectName() + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    patches.edit(patchId, before, new PatchEdit(
        newState,
        hasDelegate ? Optional.of(Optional.ofNullable(delegate)) : Optional.empty(),
        hasArchived ? Optional.of(archived) : Optional.empty(),
        hasCommitRef ? Optional.of(Optional.ofNullable(commitRef)) : Optional.empty(),
        hasPullUrl ? Optional.of(Optional.ofNullable(pullUrl)) : Optional.empty()), actor.id());
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

  /** Django's {@code slugify}: ASCII letters, digits, underscores and hyphens; spaces become hyphens. */
  static String slugify(String value) {
    String ascii = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKD)
        .replaceAll("[^\\x00-\\x7F]", "");
    String cleaned = ascii.toLowerCase(Locale.ROOT).replaceAll("[^\\w\\s-]", "");
    return cleaned.replaceAll("[-\\s]+", "-").replaceAll("^[-_]+|[-_]+$", "");
  }
}
