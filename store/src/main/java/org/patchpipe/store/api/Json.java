package org.patchpipe.store.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The API's one JSON configuration: record components in declaration order, snake_case names
 * ({@code linkName} is {@code link_name}), nulls written, and Django REST framework's compact
 * separators. Responses are records whose component order is Patchwork's key order.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
          .serializationInclusion(JsonInclude.Include.ALWAYS)
          .filterProvider(VersionedFields.all())
          .build();

  private Json() {}

  /** The shared mapper; configured once and never changed afterwards. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass().getName(), e);
    }
  }

  /** Renders {@code value} as API 1.x shows it, x from the request's {@link Urls}. */
  public static byte[] write(Object value, Urls urls) {
    try {
      return MAPPER.writer(VersionedFields.forMinor(urls.minorVersion())).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass().getName(), e);
    }
  }

  /** Parses a request body into a tree; 400 with DRF's message when it is not JSON. */
  public static com.fasterxml.jackson.databind.JsonNode readBody(byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.detail(400, "JSON parse error - " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
