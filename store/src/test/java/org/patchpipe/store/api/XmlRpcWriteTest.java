package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchpipe.store.api.XmlRpcTestClient.decoded;
import static org.patchpipe.store.api.XmlRpcTestClient.dict;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * {@code patch_set} and {@code check_create} over HTTP Basic against a real PostgreSQL: Patchwork's
 * permissions ({@code is_editable}) and faults, the changes seen afterwards through the REST API,
 * and the events they record, the same as the REST API's writes record.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XmlRpcWriteTest {
  private static final String MAINTAINER_PASSWORD = "maint pass \u00e9";
  private static final String OTHER_PASSWORD = "other-pass";
  private ApiFixture api;
  private XmlRpcTestClient rpc;
  private String maintainer;
  private String other;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
    try (Connection c = api.connect()) {
      UserRepository users = new UserRepository(c, new SecureRandom());
      users.password("maintainer", MAINTAINER_PASSWORD);
      users.password("other", OTHER_PASSWORD);
    }
    rpc = new XmlRpcTestClient(api);
    maintainer = ApiFixture.basic("maintainer", MAINTAINER_PASSWORD);
    other = ApiFixture.basic("other", OTHER_PASSWORD);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private Object call(String authorization, String method, Object... params) throws Exception {
    return rpc.callAs(authorization, method, params);
  }

  private String fault(String authorization, String method, Object... params) {
    return rpc.faultAs(authorization, method, params);
  }

  private JsonNode rest(String path) throws Exception {
    return Json.mapper().readTree(api.get(path).body());
  }

  @Test
  void maintainerSetsStateArchivedAndCommitRefWithThePatchStateChangedEvent() throws Exception {
    assertEquals(true, call(maintainer, "patch_set", 2L,
        dict("state", 3L, "archived", true, "commit_ref", "0123abcd", "delegate", 1L, "name", "ignored")));
    JsonNode patch = rest("/api/1.2/patches/2/");
    assertEquals("accepted", patch.get("state").asText());
    assertTrue(patch.get("archived").asBoolean());
    assertEquals("0123abcd", patch.get("commit_ref").asText());
    assertTrue(patch.get("delegate").isNull(), "patch_set ignores every key but state, commit_ref and archived");
    assertEquals("[2/2] or1k: Say it again", patch.get("name").asText());
    JsonNode events = rest("/api/1.2/events/?patch=2&category=patch-state-changed");
    assertEquals(1, events.size());
    assertEquals("maintainer", events.get(0).get("actor").get("username").asText());
    assertEquals("new", events.get(0).get("payload").get("previous_state").asText());
    assertEquals("accepted", events.get(0).get("payload").get("current_state").asText());
    Map<?, ?> viaRpc = (Map<?, ?>) call(null, "patch_get", 2L);
    assertEquals(3L, viaRpc.get("state_id"));
    assertEquals(true, viaRpc.get("archived"));
    assertEquals("0123abcd", viaRpc.get("commit_ref"));
  }

  @Test
  void theSubmittersUserMayEditTheirPatchOthersMayNot() throws Exception {
    assertEquals("<class 'Exception'>:No permissions to edit this patch",
        fault(other, "patch_set", 1L, dict("state", 4L)));
    assertEquals("new", rest("/api/1.2/patches/1/").get("state").asText());
    assertEquals(true, call(other, "patch_set", 3L, dict("commit_ref", "feed")));
    assertEquals("feed", rest("/api/1.2/patches/3/").get("commit_ref").asText());
  }

  @Test
  void aFaultMidwayChangesNothing() throws Exception {
    assertEquals("<class 'patchwork.models.State.DoesNotExist'>:State matching query does not exist.",
        fault(maintainer, "patch_set", 4L, dict("commit_ref", "half", "state", 99L)));
    assertTrue(rest("/api/1.2/patches/4/").get("commit_ref").isNull());
    assertEquals("<class 'patchwork.models.Patch.DoesNotExist'>:Patch matching query does not exist.",
        fault(maintainer, "patch_set", 99L, dict("state", 1L)));
    assertTrue(fault(maintainer, "patch_set", 4L, dict("archived", "maybe"))
        .startsWith("<class 'django.core.exceptions.ValidationError'>:"));
    assertTrue(fault(maintainer, "patch_set", 4L, dict("commit_ref", "x".repeat(256)))
        .startsWith("<class 'django.db.utils.DataError'>:"));
    assertEquals("<class 'AttributeError'>:'list' object has no attribute 'items'",
        fault(maintainer, "patch_set", 4L, List.of()));
    assertEquals("<class 'TypeError'>:patch_set() missing 1 required positional argument: 'params'",
        fault(maintainer, "patch_set", 4L));
    assertEquals("<class 'Exception'>:Invalid username/password",
        fault(ApiFixture.basic("maintainer", "wrong"), "patch_set", 4L, dict("state", 1L)));
  }

  @Test
  void checkCreateRecordsTheCheckAndItsEvent() throws Exception {
    assertEquals(true, call(maintainer, "check_create", 1L, "build", "warning", "https://ci.example.com/5", "slow"));
    assertEquals("<class 'Exception'>:No permissions to edit this patch",
        fault(other, "check_create", 1L, "build", "success"));
    // Person 3's user submitted patch 3; the defaults fill target_url and description.
    assertEquals(true, call(other, "check_create", 3L, "lint", "fail"));
    assertEquals(true, call(other, "check_create", 3L, "lint", "success"));
    assertEquals("<class 'Exception'>:Invalid check state: great", fault(other, "check_create", 3L, "lint", "great"));

    List<?> checks = (List<?>) call(null, "check_list", dict("patch_id", 3L));
    assertEquals(2, checks.size());
    Map<?, ?> first = (Map<?, ?>) checks.get(0);
    assertEquals(List.of("id", "date", "patch", "patch_id", "user", "user_id", "state", "target_url", "description",
        "context"), List.copyOf(first.keySet()));
    assertEquals("[RFC] Other idea", new String((byte[]) first.get("patch"), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("other", new String((byte[]) first.get("user"), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("fail", first.get("state"));
    assertEquals("", first.get("target_url"));
    assertEquals(decoded(first), decoded((Map<?, ?>) call(null, "check_get", first.get("id"))));

    Map<?, ?> combined = (Map<?, ?>) call(null, "patch_check_get", 3L);
    assertEquals("success", combined.get("state"), "the newest check per user and context counts");
    assertEquals(1L, combined.get("total"));
    assertEquals("success", ((Map<?, ?>) ((List<?>) combined.get("checks")).get(0)).get("state"));

    JsonNode viaRest = rest("/api/1.2/patches/1/checks/");
    assertEquals(1, viaRest.size());
    assertEquals("warning", viaRest.get(0).get("state").asText());
    assertEquals("https://ci.example.com/5", viaRest.get(0).get("target_url").asText());
    assertEquals("slow", viaRest.get(0).get("description").asText());
    JsonNode events = rest("/api/1.2/events/?category=check-created&patch=1");
    assertEquals(1, events.size());
    assertEquals("maintainer", events.get(0).get("actor").get("username").asText());

    assertEquals(3, ((List<?>) call(null, "check_list", dict("project_id", 1L))).size());
    assertEquals(List.of(), call(null, "check_list", dict("project_id", 2L)));
    assertEquals(2, ((List<?>) call(null, "check_list", dict("user", 2L))).size());
    assertEquals("<class 'ValueError'>:Field 'id' expected a number but got 'other'.",
        fault(null, "check_list", dict("user", "other")));
    assertEquals(1, ((List<?>) call(null, "check_list", dict("max_count", -1L))).size());
  }
}
