package org.patchpipe.store.api.xmlrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.db.DjangoValue;
import org.patchpipe.store.db.FieldLookup;

/**
 * The filter dict of {@code patch_list} and {@code check_list}, read as Patchwork reads it: each
 * key is {@code FIELD} or {@code FIELD__LOOKUP}; a field Patchwork does not allow, or a lookup not
 * in its {@code LOOKUP_TYPES}, makes the whole answer an empty list ({@link #matchesNothing});
 * {@code max_count} cuts the list. The related-object fields ({@code project_id}, ...) compare by
 * id whatever lookup the key names, as Patchwork resolves them to one object. Immutable.
 *
 * @param lookups the conditions, all of which must hold
 * @param maxCount the {@code max_count} value (0: all)
 * @param matchesNothing whether the answer is an empty list whatever matches
 */
record FilterDict(List<FieldLookup> lookups, long maxCount, boolean matchesNothing) {
  FilterDict {
    lookups = List.copyOf(lookups);
  }

  /** The fields a filter key may name: the field's column, and whether it names a related object. */
  record Allowed(Map<String, FieldLookup.Field> plain, Map<String, FieldLookup.Field> related) {}

  /** {@code patch_list}'s {@code ok_fields}. */
  static final Allowed PATCH = new Allowed(
      Map.of("id", FieldLookup.Field.PATCH_ID, "name", FieldLookup.Field.PATCH_NAME,
          "archived", FieldLookup.Field.PATCH_ARCHIVED, "date", FieldLookup.Field.PATCH_DATE,
          "commit_ref", FieldLookup.Field.PATCH_COMMIT_REF, "hash", FieldLookup.Field.PATCH_HASH,
          "msgid", FieldLookup.Field.PATCH_MSGID),
      Map.of("project_id", FieldLookup.Field.PATCH_PROJECT, "submitter_id", FieldLookup.Field.PATCH_SUBMITTER,
          "delegate_id", FieldLookup.Field.PATCH_DELEGATE, "state_id", FieldLookup.Field.PATCH_STATE));

  /** {@code check_list}'s {@code ok_fields}. */
  static final Allowed CHECK = new Allowed(
      Map.of("id", FieldLookup.Field.CHECK_ID, "user", FieldLookup.Field.CHECK_USER),
      Map.of("project_id", FieldLookup.Field.CHECK_PROJECT, "patch_id", FieldLookup.Field.CHECK_PATCH));

  /**
   * Reads {@code filt} (null: no filter).
   *
   * @param relatedMissing answers whether the related object a key names by id is missing, for
   *     {@code related} fields; Patchwork answers an empty list then
   */
  static FilterDict parse(Object filt, Allowed allowed,
      java.util.function.BiPredicate<FieldLookup.Field, Long> relatedMissing) {
    if (filt == null) {
      return new FilterDict(List.of(), 0, false);
    }
    if (!(filt instanceof Map<?, ?> dict)) {
      throw XmlRpcFault.of("AttributeError", "'" + DjangoValue.typeName(filt) + "' object has no attribute 'split'");
    }
    List<FieldLookup> lookups = new ArrayList<>();
    long maxCount = 0;
    for (Map.Entry<?, ?> entry : dict.entrySet()) {
      String[] parts = ((String) entry.getKey()).split("__", -1);
      String field = parts[0];
      boolean known = field.equals("max_count") || allowed.plain().containsKey(field)
          || allowed.related().containsKey(field);
      if (!known || (parts.length > 1 && FieldLookup.Lookup.ofSuffix(parts[1]) == null)) {
        return new FilterDict(List.of(), 0, true);
      }
      Object value = entry.getValue();
      if (field.equals("max_count")) {
        maxCount = CallValues.maxCount(value);
      } else if (allowed.related().containsKey(field)) {
        FieldLookup.Field column = allowed.related().get(field);
        Long id = CallValues.id(value);
        if (id == null || relatedMissing.test(column, id)) {
          return new FilterDict(List.of(), 0, true);
        }
        lookups.add(FieldLookup.of(column, FieldLookup.Lookup.EXACT, id));
      } else {
        if (parts.length > 2) {
          throw XmlRpcFault.of("django.core.exceptions.FieldError",
              "Unsupported lookup '" + String.join("__", java.util.Arrays.asList(parts).subList(1, parts.length))
                  + "' for field '" + field + "'");
        }
        FieldLookup.Lookup lookup =
            parts.length == 1 ? FieldLookup.Lookup.EXACT : FieldLookup.Lookup.ofSuffix(parts[1]);
        try {
          lookups.add(FieldLookup.of(allowed.plain().get(field), lookup, value));
        } catch (DjangoValue.InvalidValue e) {
          String type = allowed.plain().get(field).kind() == FieldLookup.Kind.INTEGER
              ? "ValueError" : "django.core.exceptions.ValidationError";
          throw XmlRpcFault.of(type, e.getMessage());
        }
      }
    }
    return new FilterDict(lookups, maxCount, false);
  }
}
