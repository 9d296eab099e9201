package org.patchpipe.store.api.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.DrfFields;

/**
 * The fields of a bundle being created or updated, read and validated as Patchwork's
 * {@code BundleSerializer} does. {@code name}: required, trimmed, not blank, at most 50 characters,
 * and without {@code /} (Patchwork's {@code BundleForm} rule; its API has no such check and then
 * cannot build the bundle's URLs). {@code patches}: required, patch ids that exist, not empty, all
 * of one project, which becomes the bundle's. {@code public}: a boolean. A partial update (PATCH)
 * leaves out what is absent. As DRF reads a form (git-pw and b4 send forms), an absent
 * {@code public} is false and an absent {@code patches} is empty unless the update is partial.
 * Errors name each failing field, in the serializer's field order; null fields were not given.
 * Immutable.
 *
 * @param name the new name, or null
 * @param isPublic the new visibility, or null
 * @param patches the new patches in the given order, or null
 * @param projectId the project of the patches, or null when no patches were given
 */
record BundleFields(String name, Boolean isPublic, List<Long> patches, Long projectId) {
  static final int MAX_NAME = 50;

  /** Finds the project of each patch that exists; the answer leaves out the ids that do not. */
  @FunctionalInterface
  interface PatchProjects {
    Map<Long, Long> of(List<Long> patchIds) throws SQLException;
  }

  /** One patch reference as sent: its text (for messages) and its id, or null where it is no id. */
  private record Reference(String text, Long id) {}

  static BundleFields read(ApiRequest request, boolean partial, PatchProjects projects) throws SQLException {
    JsonNode body = request.bodyTree();
    if (!body.isObject()) {
      throw ApiException.invalid(Map.of("non_field_errors",
          List.of("Invalid data. Expected a dictionary, but got " + DrfFields.typeName(body) + ".")));
    }
    boolean form = request.formBody();
    Map<String, List<String>> errors = new LinkedHashMap<>();
    String name = name(body.get("name"), partial, errors);
    List<Long> patches = null;
    Long projectId = null;
    List<Reference> references = references(body.get("patches"), form ? request.formValues("patches") : null,
        partial, errors);
    if (references != null) {
      patches = new ArrayList<>();
      projectId = patches(references, projects, patches, errors);
    }
    Boolean isPublic = visibility(body.get("public"), form && !partial, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new BundleFields(name, isPublic, patches, projectId);
  }

  private static String name(JsonNode node, boolean partial, Map<String, List<String>> errors) {
    if (node == null) {
      if (!partial) {
        errors.put("name", List.of("This field is required."));
      }
      return null;
    }
    String error = null;
    String name = null;
    if (node.isNull()) {
      error = "This field may not be null.";
    } else if (!(node.isTextual() || node.isNumber())) {
      error = "Not a valid string.";
    } else {
      name = node.asText().strip();
      if (name.isEmpty()) {
        error = "This field may not be blank.";
      } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
        error = "Ensure this field has no more than " + MAX_NAME + " characters.";
      } else if (name.indexOf('/') >= 0) {
        error = "Bundle names can't contain slashes";
      }
    }
    if (error != null) {
      errors.put("name", List.of(error));
    }
    return name;
  }

  /** The references as sent, or null where {@code patches} is absent from a partial update or invalid. */
  private static List<Reference> references(JsonNode node, List<String> formValues, boolean partial,
      Map<String, List<String>> errors) {
    List<JsonNode> items = new ArrayList<>();
    if (formValues != null) {
      if (formValues.isEmpty() && partial) {
        return null;
      }
      formValues.forEach(v -> items.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(v)));
    } else if (node == null) {
      if (!partial) {
        errors.put("patches", List.of("This field is required."));
      }
      return null;
    } else if (node.isNull()) {
      errors.put("patches", List.of("This field may not be null."));
      return null;
    } else if (!node.isArray()) {
      errors.put("patches", List.of("Expected a list of items but got type \"" + DrfFields.typeName(node) + "\"."));
      return null;
    } else {
      node.forEach(items::add);
    }
    List<Reference> references = new ArrayList<>();
    for (JsonNode item : items) {
      Reference reference = reference(item);
      if (reference == null) {
        errors.put("patches", List.of("Incorrect type. Expected pk value, received " + DrfFields.typeName(item) + "."));
        return null;
      }
      references.add(reference);
    }
    return references;
  }

  /** A primary key as DRF's related field reads one; null for a value of the wrong type. */
  private static Reference reference(JsonNode item) {
    if (item.isNull()) {
      return new Reference("None", null);
    }
    String text = item.asText().strip();
    if (item.isBoolean() || item.isContainerNode() || !(item.isIntegralNumber() || text.matches("[-+]?\\d+"))) {
      return null;
    }
    // Python's int has no limit: a number past a bigint names no patch, it is not a type error.
    Long id = text.matches("[-+]?\\d{1,18}") ? Long.valueOf(text) : null;
    return new Reference(item.isIntegralNumber() ? text : item.asText(), id);
  }

  /** Checks that the patches exist and share a project, which it answers (null on an error). */
  private static Long patches(List<Reference> references, PatchProjects projects, List<Long> patches,
      Map<String, List<String>> errors) throws SQLException {
    List<Long> ids = new ArrayList<>();
    references.stream().map(Reference::id).filter(java.util.Objects::nonNull).forEach(ids::add);
    Map<Long, Long> found = ids.isEmpty() ? Map.of() : projects.of(ids);
    for (Reference reference : references) {
      if (reference.id() == null || !found.containsKey(reference.id())) {
        errors.put("patches", List.of("Invalid pk \"" + reference.text() + "\" - object does not exist."));
        return null;
      }
      patches.add(reference.id());
    }
    if (patches.isEmpty()) {
      errors.put("patches", List.of("Bundles cannot be empty"));
      return null;
    }
    if (new HashSet<>(found.values()).size() > 1) {
      errors.put("patches", List.of("Bundle patches must belong to the same project"));
      return null;
    }
    return found.get(patches.get(0));
  }

  /** {@code public}; a form that leaves it out of a full write sets it false (DRF's {@code default_empty_html}). */
  private static Boolean visibility(JsonNode node, boolean absentIsFalse, Map<String, List<String>> errors) {
    if (node == null) {
      return absentIsFalse ? Boolean.FALSE : null;
    }
    if (node.isNull()) {
      errors.put("public", List.of("This field may not be null."));
      return null;
    }
    Boolean value = DrfFields.parseBoolean(node);
    if (value == null) {
      errors.put("public", List.of("Must be a valid boolean."));
    }
    return value;
  }
}
