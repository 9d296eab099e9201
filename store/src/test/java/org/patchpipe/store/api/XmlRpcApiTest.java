package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchpipe.store.api.XmlRpcTestClient.dict;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.api.xmlrpc.XmlRpcFault;
import org.patchpipe.store.api.xmlrpc.XmlRpcReader;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * {@code /xmlrpc/} over HTTP against a real PostgreSQL, read side: every read method's dict shapes
 * as Patchwork's {@code xmlrpc.py} builds them, the filter dict's fields and lookups, Patchwork's
 * faults (unknown method, wrong arguments, bad values, missing login), and hostile bodies answered
 * with faults, never with an HTTP error.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XmlRpcApiTest {
  private ApiFixture api;
  private XmlRpcTestClient rpc;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
    rpc = new XmlRpcTestClient(api);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private Object callAs(String authorization, String method, Object... params) throws Exception {
    return rpc.callAs(authorization, method, params);
  }

  private Object call(String method, Object... params) throws Exception {
    return rpc.callAs(null, method, params);
  }

  private String fault(String method, Object... params) {
    return rpc.faultAs(null, method, params);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<Long> ids(Object list) {
    return ((List<?>) list).stream().map(p -> (Long) ((Map<?, ?>) p).get("id")).toList();
  }

  @Test
  void versionIsPatchworks() throws Exception {
    assertEquals(List.of(1L, 3L, 0L), call("pw_rpc_version"));
  }

  @Test
  void projectsByLinkNameSubstringInLinkNameOrderCutByMaxCount() throws Exception {
    assertEquals(List.of(dict("id", 2L, "linkname", "linux-efi", "name", "linux-efi"),
        dict("id", 1L, "linkname", "openrisc", "name", "openrisc")), call("project_list", "", 0L));
    assertEquals(List.of(1L), ids(call("project_list", "RIS", 0L)));
    assertEquals(List.of(2L), ids(call("project_list", null, 1L)));
    assertEquals(List.of(1L), ids(call("project_list", null, -1L)));
    assertEquals(dict("id", 1L, "linkname", "openrisc", "name", "openrisc"), call("project_get", 1L));
    assertEquals(Map.of(), call("project_get", 99L));
  }

  @Test
  void peopleShowTheirUserAsBytesAndNoneWithoutOne() throws Exception {
    List<?> people = (List<?>) call("person_list", "stafford", 0L);
    assertEquals(1, people.size());
    Map<?, ?> stafford = (Map<?, ?>) people.get(0);
    assertEquals(List.of("id", "email", "name", "user"), List.copyOf(stafford.keySet()));
    assertEquals("shorne@gmail.com", stafford.get("email"));
    assertArrayEquals(utf8("None"), (byte[]) stafford.get("user"));
    Map<?, ?> other = (Map<?, ?>) call("person_get", 3L);
    assertEquals("J\u00f6rg Other", other.get("name"));
    assertArrayEquals(utf8("other"), (byte[]) other.get("user"));
    assertEquals(List.of(3L), ids(call("person_list", "EXAMPLE.com", 0L)), "by email too");
    assertEquals(Map.of(), call("person_get", 42L));
  }

  @Test
  void statesInPatchworksOrder() throws Exception {
    List<?> states = (List<?>) call("state_list", "", 0L);
    assertEquals(dict("id", 1L, "name", "New"), states.get(0));
    assertEquals(dict("id", 2L, "name", "Under Review"), states.get(1));
    assertEquals(List.of(dict("id", 2L, "name", "Under Review")), call("state_list", "review", 0L));
    assertEquals(dict("id", 5L, "name", "RFC"), call("state_get", 5L));
    assertEquals(Map.of(), call("state_get", 0L));
  }

  @Test
  void patchDictIsPatchworksKeyForKey() throws Exception {
    Map<String, Object> expected = dict(
        "id", 1L,
        "date", utf8("2019-05-06 13:16:20"),
        "filename", "1-2-or1k-Add-a-world",
        "msgid", "<p1@example.com>",
        "name", "[1/2] or1k: Add a world",
        "project", utf8("openrisc"),
        "project_id", 1L,
        "state", utf8("New"),
        "state_id", 1L,
        "archived", false,
        "submitter", utf8("Stafford Horne <shorne@gmail.com>"),
        "submitter_id", 1L,
        "delegate", utf8("None"),
        "delegate_id", 0L,
        "commit_ref", "",
        "hash", "aed4835e939b61a32be68b4b09d8175532fcfd40");
    Map<?, ?> patch = (Map<?, ?>) call("patch_get", 1L);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(patch.keySet()));
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      Object actual = patch.get(e.getKey());
      if (e.getValue() instanceof byte[] bytes) {
        assertArrayEquals(bytes, (byte[]) actual, e.getKey());
      } else {
        assertEquals(e.getValue(), actual, e.getKey());
      }
    }
    assertEquals(Map.of(), call("patch_get", 99L));
    assertEquals(1L, ((Map<?, ?>) call("patch_get", "1")).get("id"), "Django reads a numeric string as an id");
  }

  @Test
  void patchListFiltersAsDjangoLookups() throws Exception {
    assertEquals(List.of(4L, 1L, 2L, 3L, 5L), ids(call("patch_list", Map.of())), "by date, as Patch.Meta.ordering");
    assertEquals(List.of(4L, 1L, 2L, 3L, 5L), ids(call("patch_list")));
    assertEquals(List.of(1L, 2L, 3L), ids(call("patch_list", dict("project_id", 1L, "archived", false))));
    assertEquals(List.of(1L, 2L), ids(call("patch_list", dict("name__icontains", "OR1K"))));
    assertEquals(List.of(), ids(call("patch_list", dict("name__contains", "OR1K"))));
    assertEquals(List.of(1L, 2L), ids(call("patch_list", dict("date__year", 2019L))));
    assertEquals(List.of(1L, 3L), ids(call("patch_list", dict("id__in", List.of(1L, 3L)))));
    assertEquals(List.of(4L, 5L), ids(call("patch_list", dict("id__gt", 3L))));
    assertEquals(List.of(1L, 2L), ids(call("patch_list", dict("id__range", List.of(1L, 2L)))));
    assertEquals(List.of(1L, 2L, 3L), ids(call("patch_list", dict("date__gte", "2019-01-01", "date__lt", "2021-01-01"))));
    assertEquals(List.of(3L), ids(call("patch_list", dict("state_id", 5L))));
    assertEquals(List.of(3L), ids(call("patch_list", dict("submitter_id", 3L))));
    assertEquals(List.of(2L), ids(call("patch_list", dict("msgid", "<p2@example.com>"))));
    assertEquals(List.of(2L), ids(call("patch_list", dict("name__iendswith", "AGAIN"))));
    assertEquals(List.of(4L, 1L, 2L, 3L, 5L), ids(call("patch_list", dict("commit_ref__isnull", true))));
    assertEquals(List.of(3L, 5L), ids(call("patch_list", dict("max_count", -2L))));
    assertEquals(List.of(4L), ids(call("patch_list", dict("max_count", 1L))));
  }

  @Test
  void patchListAnswersNothingWherePatchworkDoes() throws Exception {
    assertEquals(List.of(), call("patch_list", dict("series", 1L)), "not in Patchwork's ok_fields");
    assertEquals(List.of(), call("patch_list", dict("name__exact", "x")), "exact is not in LOOKUP_TYPES");
    assertEquals(List.of(), call("patch_list", dict("name__regex", ".*")));
    assertEquals(List.of(), call("patch_list", dict("project_id", 99L)));
    assertEquals("<class 'ValueError'>:Field 'id' expected a number but got 'x'.",
        fault("patch_list", dict("project_id", "x")));
    assertTrue(fault("patch_list", dict("archived", "maybe")).startsWith("<class 'django.core.exceptions.ValidationError'>"));
    assertTrue(fault("patch_list", dict("name__year", 2019L)).contains("Unsupported lookup 'year'"));
    assertEquals("<class 'TypeError'>:'>' not supported between instances of 'str' and 'int'",
        fault("patch_list", dict("max_count", "3")));
  }

  @Test
  void patchByHashAndByProjectAndHash() throws Exception {
    assertEquals(1L, ((Map<?, ?>) call("patch_get_by_hash", "aed4835e939b61a32be68b4b09d8175532fcfd40")).get("id"));
    assertEquals("<class 'patchwork.models.Patch.MultipleObjectsReturned'>:get() returned more than one Patch -- it"
        + " returned 2!", fault("patch_get_by_hash", "f9cf643e19bc4f245eac973fcee9649b771d1693"));
    assertEquals(2L, ((Map<?, ?>) call("patch_get_by_project_hash", "openrisc",
        "86d3ca209ca5e345cb75bdf9232342eeb1d5ce62")).get("id"));
    assertEquals(Map.of(), call("patch_get_by_project_hash", "linux-efi", "86d3ca209ca5e345cb75bdf9232342eeb1d5ce62"));
    assertEquals(Map.of(), call("patch_get_by_hash", "0123"));
  }

  @Test
  void mboxIsTheDownloadsAndDiffTheStoredOne() throws Exception {
    String download = api.get("/project/openrisc/patch/p1@example.com/mbox/").body();
    assertEquals(download, call("patch_get_mbox", 1L));
    assertEquals("", call("patch_get_mbox", 99L));
    assertEquals(ApiFixture.DIFF_1, call("patch_get_diff", 1L));
    assertEquals("", call("patch_get_diff", 99L));
  }

  @Test
  void checksOfAPatchWithoutAny() throws Exception {
    assertEquals(dict("state", "pending", "total", 0L, "checks", List.of()), call("patch_check_get", 1L));
    assertEquals(Map.of(), call("patch_check_get", 99L));
    assertEquals(List.of(), call("check_list", dict("patch_id", 1L)));
    assertEquals("<class 'IndexError'>:list index out of range", fault("check_list", dict("patch_id", 99L)));
    assertEquals(Map.of(), call("check_get", 1L));
  }

  @Test
  void unknownMethodsAndWrongArgumentsArePythonsFaults() {
    assertEquals("<class 'Exception'>:method \"system.listMethods\" is not supported", fault("system.listMethods"));
    assertEquals("<class 'TypeError'>:patch_get() missing 1 required positional argument: 'patch_id'",
        fault("patch_get"));
    assertEquals("<class 'TypeError'>:patch_get() takes 1 positional argument but 2 were given", fault("patch_get", 1L, 2L));
    assertEquals("<class 'TypeError'>:project_list() takes from 0 to 2 positional arguments but 3 were given",
        fault("project_list", "", 0L, 1L));
    assertEquals("<class 'TypeError'>:patch_get_by_project_hash() missing 2 required positional arguments: 'project'"
        + " and 'hash'", fault("patch_get_by_project_hash"));
  }

  @Test
  void writesNeedHttpBasic() throws Exception {
    assertEquals("<class 'Exception'>:No authentication credentials given",
        rpc.faultAs(null, "patch_set", 1L, dict("archived", true)));
    assertEquals("<class 'Exception'>:Authentication scheme not supported",
        rpc.faultAs("Token " + ApiFixture.MAINTAINER_TOKEN, "check_create", 1L, "ci", "success"));
    assertEquals("<class 'Exception'>:Invalid username/password",
        rpc.faultAs(ApiFixture.basic("maintainer", "wrong"), "patch_set", 1L, dict("archived", true)));
    assertEquals("<class 'Exception'>:Invalid username/password",
        rpc.faultAs("Basic !!not-base64!!", "patch_set", 1L, dict("archived", true)));
    assertEquals(false, ((Map<?, ?>) rpc.callAs(null, "patch_get", 1L)).get("archived"));
  }

  @Test
  void hostileBodiesAreFaultsNotHttpErrors() throws Exception {
    List<byte[]> bodies = List.of(new byte[0], utf8("<<<"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1},
        utf8("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<methodCall><methodName>&x;</methodName></methodCall>"),
        utf8("<methodCall><methodName>patch_get</methodName><params><param><value><struct>"
            + "<member><name>a</name><value>" + "<array><data><value>".repeat(100) + "</value></member>"
            + "</struct></value></param></params></methodCall>"),
        utf8("<methodCall><methodName>patch_list</methodName><params><param><value><string>\u0000</string></value>"
            + "</param></params></methodCall>"));
    for (byte[] body : bodies) {
      HttpResponse<byte[]> r = rpc.post(body, null);
      assertEquals(200, r.statusCode());
      XmlRpcFault f = assertThrows(XmlRpcFault.class, () -> XmlRpcReader.readResponse(r.body()));
      assertEquals(1, f.code());
      assertTrue(!f.faultString().contains("root:"), f.faultString());
    }
  }

  @Test
  void getDocumentsAndOtherMethodsRedirectToTheProjectList() throws Exception {
    HttpResponse<String> doc = api.get("/xmlrpc/");
    assertEquals(200, doc.statusCode());
    assertTrue(doc.body().contains("<code>patch_set(patch_id, params)</code> (HTTP Basic login required)"), doc.body());
    HttpResponse<String> put = api.send("PUT", "/xmlrpc/", "", null);
    assertEquals(302, put.statusCode());
    assertEquals("/", put.headers().firstValue("Location").orElse(""));
  }
}
