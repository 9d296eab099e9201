package org.patchpipe.store.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.path.PathType;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Patchwork's own OpenAPI 3.1 descriptions of one API version ({@code schemas/v1.x/patchwork.yaml}
 * of {@code ../shared/patchwork-api}), as a validator of responses: the response schema of a GET
 * path and status, checked with a JSON Schema 2020-12 validator after its {@code $ref}s into
 * {@code components} are resolved. Test-only.
 */
final class OpenApiSchemas {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /**
   * JSON Schema 2020-12, as OpenAPI 3.1 uses it, with its default for {@code format}: an
   * annotation, not asserted (Patchwork's own answers carry {@code ""} in fields its schema marks
   * {@code format: uri}, such as a project's empty {@code web_url}, and its {@code iso8601} is no
   * standard format).
   */
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
          .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(false).build()));

  /** One operation's path, as a pattern over request paths without their trailing slash. */
  private record Template(String name, Pattern pattern, JsonNode get) {}

  /**
   * One schema violation: where in the response (JSON pointer), what, and the rule it breaks
   * ({@code rule}: the keyword's place in the schema, e.g. {@code #/components/schemas/CoverEmbedded/type},
   * the same in every version, with the field it was met at and the JSON type found there, e.g.
   * {@code ... at cover_letter: null}; every key of a {@code headers} map is the field {@code *}).
   */
  record Violation(String pointer, String rule, String message) {
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
  }

  private final int minor;
  private final JsonNode components;
  private final List<Template> templates = new ArrayList<>();
  private final Map<String, Schema> compiled = new HashMap<>();

  private OpenApiSchemas(int minor, JsonNode document) {
    this.minor = minor;
    this.components = document.get("components");
    for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> path = it.next();
      if (path.getValue().has("get")) {
        String name = path.getKey();
        String regex = Pattern.quote(stripSlash(name)).replaceAll("\\{[a-z_]+\\}", "\\\\E[^/]+\\\\Q");
        templates.add(new Template(name, Pattern.compile(regex), path.getValue().get("get")));
      }
    }
  }

  /** The schemas of API 1.{@code minor} under {@code schemasDir} ({@code v1.x/patchwork.yaml}). */
  static OpenApiSchemas load(Path schemasDir, int minor) throws IOException {
    return new OpenApiSchemas(minor, YAML.readTree(schemasDir.resolve("v1." + minor).resolve("patchwork.yaml").toFile()));
  }

  /**
   * Validates a GET response on {@code versionedPath}; empty when it matches the schema Patchwork
   * gives for that path and status. A path or status the schema does not describe is one violation.
   */
  List<Violation> validate(String versionedPath, int status, JsonNode body) {
    Optional<Template> template = find(versionedPath);
    if (template.isEmpty()) {
      return List.of(new Violation("", "path", "API 1." + minor + " has no GET " + versionedPath));
    }
    JsonNode content = template.get().get().path("responses").path(String.valueOf(status))
        .path("content").path("application/json").path("schema");
    if (content.isMissingNode()) {
      return List.of(new Violation("", "status",
          "API 1." + minor + " describes no " + status + " answer for GET " + template.get().name()));
    }
    Schema schema = compiled.computeIfAbsent(template.get().name() + " " + status, key -> compile(content));
    List<Violation> violations = new ArrayList<>();
    for (Error error : schema.validate(body)) {
      String location = error.getSchemaLocation().toString();
      String pointer = error.getInstanceLocation().toString();
      // A header map's keys are the mail's header names: any of them is the same field.
      String field = pointer.replaceAll("/\\d+(?=/|$)", "").replaceFirst("^.*/headers/.*$", "headers/*")
          .replaceFirst("^.*/", "");
      String found = error.getInstanceNode() == null ? "missing" : error.getInstanceNode().getNodeType().name().toLowerCase();
      violations.add(new Violation(pointer,
          location.substring(Math.max(0, location.indexOf('#'))) + " at " + field + ": " + found, error.getMessage()));
    }
    return violations;
  }

  /** The response schema as a document of its own, with the components its {@code $ref}s point into. */
  private Schema compile(JsonNode responseSchema) {
    ObjectNode root = YAML.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", components);
    root.set("allOf", YAML.createArrayNode().add(responseSchema));
    return REGISTRY.getSchema(root);
  }

  private Optional<Template> find(String versionedPath) {
    String path = stripSlash(versionedPath);
    return templates.stream().filter(t -> t.pattern().matcher(path).matches()).findFirst();
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") && path.length() > 1 && !path.matches("/api/1\\.\\d/") ? path.substring(0, path.length() - 1)
        : path;
  }
}
