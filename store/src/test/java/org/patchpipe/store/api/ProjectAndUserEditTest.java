package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Project {@code PUT}/{@code PATCH} (the project's maintainers; the web fields) and user
 * {@code PUT}/{@code PATCH} (the user themself; names and settings) as Patchwork answers them, each
 * test on a fresh copy of {@link ApiFixture}'s world: who may, what is written, what is ignored,
 * DRF's validation messages, and refusals that leave the rows as they were.
 */
@ExtendWith(SharedPostgres.class)
class ProjectAndUserEditTest {

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  private static String row(ApiFixture api, String sql) throws Exception {
    try (Connection c = api.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          out.append(rs.getString(i)).append(i < columns ? "," : ";");
        }
      }
      return out.toString();
    }
  }

  private static final String PROJECT = "SELECT name, linkname, web_url, scm_url, webscm_url, list_archive_url,"
      + " list_archive_url_format, commit_url_format, show_dependencies FROM project WHERE id = 1";
  private static final String USER = "SELECT u.username, u.email, u.first_name, u.last_name, p.send_email,"
      + " p.items_per_page, p.show_ids FROM auth_user u LEFT JOIN user_profile p ON p.user_id = u.id WHERE u.id = 2";

  @Test
  void aMaintainerEditsTheWebFields(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      HttpResponse<String> r = api.send("PATCH", "/api/1.2/projects/openrisc/", "{\"web_url\": \" https://openrisc.io \","
          + " \"commit_url_format\": \"https://git/{}\", \"name\": \"renamed\", \"link_name\": \"x\","
          + " \"show_dependencies\": \"true\", \"bogus\": 1}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("https://openrisc.io", json(r).get("web_url").asText(), "trimmed, as DRF's CharField does");
      assertEquals("openrisc", json(r).get("name").asText(), "read-only fields are ignored");
      assertEquals("openrisc,openrisc,https://openrisc.io,,,,,https://git/{},t;", row(api, PROJECT));
      HttpResponse<String> put = api.send("PUT", "/api/1.2/projects/1/", "{\"scm_url\": \"git://x\"}",
          ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, put.statusCode(), "no field is required: " + put.body());
      assertEquals("git://x", json(api.get("/api/1.2/projects/1/")).get("scm_url").asText());
      HttpResponse<String> old = api.send("PATCH", "/api/1.0/projects/1/", "{\"commit_url_format\": \"\"}",
          ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, old.statusCode());
      assertFalse(json(old).has("commit_url_format"), "1.0 does not show it...");
      assertTrue(row(api, PROJECT).contains(",git://x,,,,,t;"), "...but writes it, as Patchwork: " + row(api, PROJECT));
    }
  }

  @Test
  void onlyMaintainersMayAndRefusalsChangeNothing(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      String before = row(api, PROJECT);
      String body = "{\"web_url\": \"https://evil\"}";
      assertEquals(404, api.send("PATCH", "/api/1.2/projects/nope/", body, null).statusCode());
      HttpResponse<String> anonymous = api.send("PATCH", "/api/1.2/projects/1/", body, null);
      assertEquals(403, anonymous.statusCode());
      assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", anonymous.body());
      HttpResponse<String> other = api.send("PATCH", "/api/1.2/projects/1/", body, ApiFixture.OTHER_TOKEN);
      assertEquals(403, other.statusCode());
      assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", other.body());
      assertEquals(403, api.send("PATCH", "/api/1.2/projects/linux-efi/", body, ApiFixture.MAINTAINER_TOKEN)
          .statusCode(), "a maintainer of another project");
      assertEquals("{\"web_url\":[\"Ensure this field has no more than 2000 characters.\"],"
          + "\"scm_url\":[\"This field may not be null.\"],\"webscm_url\":[\"Not a valid string.\"],"
          + "\"show_dependencies\":[\"Must be a valid boolean.\"]}",
          api.send("PATCH", "/api/1.2/projects/1/", "{\"web_url\": \"" + "x".repeat(2001) + "\", \"scm_url\": null,"
              + " \"webscm_url\": true, \"show_dependencies\": \"maybe\"}", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}",
          api.send("PATCH", "/api/1.2/projects/1/", "[]", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals(before, row(api, PROJECT));
    }
  }

  @Test
  void aUserEditsTheirNamesAndSettings(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      HttpResponse<String> r = api.send("PATCH", "/api/1.2/users/2/", "{\"first_name\": \" J\u00f6rg \","
          + " \"username\": \"hacker\", \"email\": \"hacker@example.com\","
          + " \"settings\": {\"items_per_page\": \"50\", \"show_ids\": true}}", ApiFixture.OTHER_TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("{\"id\":2,\"url\":\"" + api.url("/api/1.2/users/2/") + "\",\"username\":\"other\","
          + "\"first_name\":\"J\u00f6rg\",\"last_name\":\"\",\"email\":\"other@example.com\","
          + "\"settings\":{\"send_email\":false,\"items_per_page\":50,\"show_ids\":true}}", r.body());
      assertEquals("other,other@example.com,J\u00f6rg,,f,50,t;", row(api, USER));
      assertTrue(json(api.get("/api/1.2/users/2/", ApiFixture.OTHER_TOKEN)).has("settings"));
      assertFalse(json(api.get("/api/1.2/users/2/", ApiFixture.MAINTAINER_TOKEN)).has("settings"),
          "settings are shown to the user only");
      HttpResponse<String> old = api.send("PATCH", "/api/1.1/users/2/", "{\"last_name\": \"Other\","
          + " \"settings\": {\"items_per_page\": 10}}", ApiFixture.OTHER_TOKEN);
      assertEquals(200, old.statusCode());
      assertFalse(json(old).has("settings"), "1.1 has no settings...");
      assertEquals("other,other@example.com,J\u00f6rg,Other,f,50,t;", row(api, USER), "...and ignores them");
    }
  }

  @Test
  void onlyTheUserMayAndRefusalsChangeNothing(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      String before = row(api, USER);
      HttpResponse<String> anonymous = api.send("PATCH", "/api/1.2/users/999/", "{}", null);
      assertEquals(403, anonymous.statusCode(), "authentication is checked before the lookup");
      assertEquals(404, api.send("PATCH", "/api/1.2/users/999/", "{}", ApiFixture.OTHER_TOKEN).statusCode());
      HttpResponse<String> other = api.send("PATCH", "/api/1.2/users/2/", "{\"first_name\": \"X\"}",
          ApiFixture.MAINTAINER_TOKEN);
      assertEquals(403, other.statusCode());
      assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", other.body());
      assertEquals("{\"settings\":[\"This field is required.\"]}",
          api.send("PUT", "/api/1.2/users/2/", "{\"first_name\": \"X\"}", ApiFixture.OTHER_TOKEN).body());
      assertEquals("{\"first_name\":[\"Ensure this field has no more than 150 characters.\"],"
          + "\"settings\":{\"items_per_page\":[\"Ensure this value is greater than or equal to 0.\"],"
          + "\"show_ids\":[\"Must be a valid boolean.\"]}}",
          api.send("PATCH", "/api/1.2/users/2/", "{\"first_name\": \"" + "x".repeat(151) + "\","
              + " \"settings\": {\"items_per_page\": -1, \"show_ids\": \"sometimes\"}}", ApiFixture.OTHER_TOKEN).body());
      assertEquals("{\"settings\":{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}}",
          api.send("PATCH", "/api/1.2/users/2/", "{\"settings\": \"x\"}", ApiFixture.OTHER_TOKEN).body());
      assertEquals("{\"settings\":{\"items_per_page\":[\"A valid integer is required.\"]}}",
          api.send("PATCH", "/api/1.2/users/2/", "{\"settings\": {\"items_per_page\": 1.5}}", ApiFixture.OTHER_TOKEN)
              .body());
      assertEquals(before, row(api, USER));
    }
  }
}
