package org.patchpipe.store.api.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.DrfFields;
import org.patchpipe.store.db.UserEdit;

/**
 * A user's edit of their own account, validated as Patchwork's {@code UserDetailSerializer} does:
 * {@code first_name} and {@code last_name} (Django's {@code CharField(max_length=150, blank=True)})
 * and the nested {@code settings} ({@code send_email}, {@code items_per_page} (0 to 2^31 - 1),
 * {@code show_ids}), which a {@code PUT} must send; {@code username} and {@code email} are
 * read-only and ignored. Settings are validated at every version but, as in Patchwork, applied only
 * from API 1.2 on. Errors in {@code settings} nest under it, as DRF nests a serializer's.
 */
final class UserUpdate {
  private static final int MAX_NAME = 150;

  private UserUpdate() {}

  static UserEdit parse(JsonNode body, boolean partial, int minorVersion) {
    DrfFields.requireObject(body);
    Map<String, Object> errors = new LinkedHashMap<>();
    Map<String, List<String>> names = new LinkedHashMap<>();
    String first = DrfFields.text(body.get("first_name"), "first_name", MAX_NAME, false, names);
    String last = DrfFields.text(body.get("last_name"), "last_name", MAX_NAME, false, names);
    errors.putAll(names);
    JsonNode settings = body.get("settings");
    Boolean sendEmail = null;
    Long itemsPerPage = null;
    Boolean showIds = null;
    if (settings == null) {
      if (!partial) {
        errors.put("settings", List.of("This field is required."));
      }
    } else if (settings.isNull()) {
      errors.put("settings", List.of("This field may not be null."));
    } else if (!settings.isObject()) {
      errors.put("settings", Map.of("non_field_errors",
          List.of("Invalid data. Expected a dictionary, but got " + DrfFields.typeName(settings) + ".")));
    } else {
      Map<String, List<String>> nested = new LinkedHashMap<>();
      sendEmail = DrfFields.bool(settings.get("send_email"), "send_email", nested);
      itemsPerPage = DrfFields.integer(settings.get("items_per_page"), "items_per_page", 0, Integer.MAX_VALUE, nested);
      showIds = DrfFields.bool(settings.get("show_ids"), "show_ids", nested);
      if (!nested.isEmpty()) {
        errors.put("settings", nested);
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    boolean applySettings = minorVersion >= 2;
    return new UserEdit(Optional.ofNullable(first), Optional.ofNullable(last),
        Optional.ofNullable(applySettings ? sendEmail : null),
        Optional.ofNullable(applySettings && itemsPerPage != null ? itemsPerPage.intValue() : null),
        Optional.ofNullable(applySettings ? showIds : null));
  }
}
