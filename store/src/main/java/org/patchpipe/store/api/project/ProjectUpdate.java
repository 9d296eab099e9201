package org.patchpipe.store.api.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.DrfFields;
import org.patchpipe.store.db.ProjectEdit;

/**
 * A project edit as a maintainer sent it, validated as Patchwork's {@code ProjectSerializer} does:
 * the writable fields are {@code web_url}, {@code scm_url}, {@code webscm_url},
 * {@code list_archive_url}, {@code list_archive_url_format}, {@code commit_url_format} (the model's
 * {@code CharField(max_length=2000, blank=True)}: strings, trimmed, never null) and
 * {@code show_dependencies} (a boolean). None is required, so {@code PUT} and {@code PATCH} read
 * alike; the read-only fields ({@code name}, {@code link_name}, {@code list_id},
 * {@code list_email}, {@code maintainers}, {@code subject_match}) and unknown keys are ignored.
 * Patchwork only hides a newer version's fields from an older version's answers, so every field is
 * writable at every version, as there.
 */
final class ProjectUpdate {
  private static final int MAX_URL = 2000;

  private ProjectUpdate() {}

  static ProjectEdit parse(JsonNode body) {
    DrfFields.requireObject(body);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    ProjectEdit edit = new ProjectEdit(
        url(body, "web_url", errors),
        url(body, "scm_url", errors),
        url(body, "webscm_url", errors),
        url(body, "list_archive_url", errors),
        url(body, "list_archive_url_format", errors),
        url(body, "commit_url_format", errors),
        Optional.ofNullable(DrfFields.bool(body.get("show_dependencies"), "show_dependencies", errors)));
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return edit;
  }

  private static Optional<String> url(JsonNode body, String field, Map<String, List<String>> errors) {
    return Optional.ofNullable(DrfFields.text(body.get(field), field, MAX_URL, false, errors));
  }
}
