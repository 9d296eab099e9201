package org.patchpipe.store.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.patchpipe.parser.ParsedMail;

/**
 * The JSON form of a kept reply's {@link ParsedMail} in {@code pending_reply.mail}: the record's
 * own fields (Jackson's record support), dates as ISO-8601 text, with its kind in a column beside
 * it. Internal storage, not a wire format: only this class reads what it wrote. Immutable and
 * thread-safe; malformed JSON is an {@link IllegalStateException} (the row was not written by us).
 */
final class ParsedMailJson {
  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The kind column for {@code mail}: {@code comment}, {@code patch} or {@code cover}. */
  static String kind(ParsedMail mail) {
    if (mail instanceof ParsedMail.Comment) {
      return "comment";
    }
    if (mail instanceof ParsedMail.Patch) {
      return "patch";
    }
    if (mail instanceof ParsedMail.CoverLetter) {
      return "cover";
    }
    throw new IllegalArgumentException("only comments, patches and covers wait for a parent: " + mail);
  }

  String write(ParsedMail mail) {
    kind(mail);
    try {
      return mapper.writeValueAsString(mail);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + mail.getClass().getSimpleName() + " as JSON", e);
    }
  }

  ParsedMail read(String kind, String json) {
    Class<? extends ParsedMail> type;
    switch (kind) {
      case "comment": type = ParsedMail.Comment.class; break;
      case "patch": type = ParsedMail.Patch.class; break;
      case "cover": type = ParsedMail.CoverLetter.class; break;
      default: throw new IllegalStateException("unknown pending reply kind " + kind);
    }
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pending reply JSON is not a " + kind + ": " + e.getOriginalMessage(), e);
    }
  }
}
