package org.patchpipe.store.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.FilterProvider;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.impl.SimpleBeanPropertyFilter;
import com.fasterxml.jackson.databind.ser.impl.SimpleFilterProvider;
import java.util.Map;

/**
 * Patchwork's {@code versioned_fields}: keys that exist only from some API version on (1.1 added
 * {@code web_url} and {@code comments}, 1.2 {@code list_archive_url} and {@code related}, 1.3 the
 * comments' {@code url} and {@code addressed}, 1.4 the project's {@code show_dependencies} and the
 * series' {@code dependencies} and {@code dependents}). Response records carrying such keys are annotated
 * {@code @JsonFilter(VersionedFields.FILTER)}; {@link #forMinor} drops the keys a 1.x client would
 * not get. Immutable.
 */
public final class VersionedFields {
  public static final String FILTER = "versioned";

  /** Per record type: JSON key to the first 1.x minor version that has it. */
  private static final Map<String, Map<String, Integer>> SINCE = Map.ofEntries(
      Map.entry("PatchJson", Map.of("web_url", 1, "comments", 1, "list_archive_url", 2, "related", 2)),
      Map.entry("PatchDetailJson", Map.of("web_url", 1, "comments", 1, "list_archive_url", 2, "related", 2)),
      Map.entry("EmbeddedProject", Map.of("list_archive_url", 2, "list_archive_url_format", 2, "commit_url_format", 2)),
      Map.entry("ProjectJson", Map.of("list_archive_url", 2, "list_archive_url_format", 2, "commit_url_format", 2,
          "show_dependencies", 4)),
      Map.entry("EmbeddedSubmission", Map.of("web_url", 1, "list_archive_url", 2)),
      Map.entry("EmbeddedSeries", Map.of("web_url", 1)),
      Map.entry("SeriesJson", Map.of("web_url", 1, "dependencies", 4, "dependents", 4)),
      Map.entry("CoverJson", Map.of("web_url", 1, "mbox", 1, "comments", 1, "list_archive_url", 2)),
      Map.entry("CoverDetailJson", Map.of("web_url", 1, "mbox", 1, "comments", 1, "list_archive_url", 2)),
      Map.entry("BundleJson", Map.of("web_url", 1)),
      Map.entry("CommentJson", Map.of("web_url", 1, "list_archive_url", 2, "url", 3, "addressed", 3)));

  private static final Map<String, Integer> EVENT = Map.of("actor", 2);

  private VersionedFields() {}

  /** Serialises everything: for writers that know no version (tests, logs). */
  static FilterProvider all() {
    return new SimpleFilterProvider().addFilter(FILTER, SimpleBeanPropertyFilter.serializeAll());
  }

  /** The filters for API 1.{@code minor}. */
  static FilterProvider forMinor(int minor) {
    return new SimpleFilterProvider().addFilter(FILTER, new SimpleBeanPropertyFilter() {
      @Override
      public void serializeAsField(Object pojo, JsonGenerator gen, SerializerProvider provider, PropertyWriter writer)
          throws Exception {
        String type = pojo.getClass().getSimpleName();
        Map<String, Integer> since = type.equals("EventJson") ? EVENT : SINCE.getOrDefault(type, Map.of());
        Integer first = since.get(writer.getName());
        if (first == null || minor >= first) {
          writer.serializeAsField(pojo, gen, provider);
        }
      }
    });
  }
}
