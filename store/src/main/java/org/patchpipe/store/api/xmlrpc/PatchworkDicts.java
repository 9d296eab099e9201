package org.patchpipe.store.api.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.check.CheckState;
import org.patchpipe.store.api.download.DownloadHandler;
import org.patchpipe.store.db.RpcQueries;

/**
 * The dicts Patchwork's {@code xmlrpc.py} answers with ({@code project_to_dict},
 * {@code person_to_dict}, {@code patch_to_dict}, {@code state_to_dict}, {@code check_to_dict},
 * {@code patch_check_to_dict}), key for key in its order. The fields it builds with
 * {@code str(obj).encode('utf-8')} are bytes in Python, which its marshaller sends as
 * {@code base64}; they are {@code byte[]} here so they travel the same way, and pwclient decodes
 * them. Where Python's {@code str(None)} would show, so does {@code None}. Stateless.
 */
final class PatchworkDicts {
  private static final DateTimeFormatter PYTHON_DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private PatchworkDicts() {}

  static Map<String, Object> project(RpcQueries.RpcProject p) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", p.id());
    d.put("linkname", p.linkName());
    d.put("name", p.name());
    return d;
  }

  static Map<String, Object> person(RpcQueries.RpcPerson p) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", p.id());
    d.put("email", p.email());
    // "Make sure we don't return None even if the user submitted a patch with no real name."
    d.put("name", p.name() != null ? p.name() : p.email());
    d.put("user", bytes(p.username() == null ? "None" : p.username()));
    return d;
  }

  static Map<String, Object> patch(RpcQueries.RpcPatch p) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", p.id());
    d.put("date", bytes(date(p.date())));
    d.put("filename", DownloadHandler.fileName(p.name()));
    d.put("msgid", p.msgid());
    d.put("name", p.name());
    d.put("project", bytes(p.projectName()));
    d.put("project_id", p.projectId());
    d.put("state", bytes(p.stateName()));
    d.put("state_id", p.stateId());
    d.put("archived", p.archived());
    d.put("submitter", bytes(person(p.submitterName(), p.submitterEmail())));
    d.put("submitter_id", p.submitterId());
    d.put("delegate", bytes(p.delegateUsername() == null ? "None" : p.delegateUsername()));
    d.put("delegate_id", p.delegateId() == null ? 0L : p.delegateId());
    d.put("commit_ref", p.commitRef() == null ? "" : p.commitRef());
    d.put("hash", p.hash() == null ? "" : p.hash());
    return d;
  }

  static Map<String, Object> state(RpcQueries.RpcState s) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", s.id());
    d.put("name", s.name());
    return d;
  }

  /**
   * A check. Patchwork sends a stored null target URL or description as None, which its
   * marshaller cannot send, failing the whole list; checks created through the REST API without
   * them are common, so they are sent as empty strings, as the XML-RPC {@code check_create}
   * stores them.
   */
  static Map<String, Object> check(RpcQueries.RpcCheck c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", c.id());
    d.put("date", bytes(date(c.date())));
    d.put("patch", bytes(c.patchName()));
    d.put("patch_id", c.patchId());
    d.put("user", bytes(c.username()));
    d.put("user_id", c.userId());
    d.put("state", CheckState.ofCode(c.state()).label());
    d.put("target_url", c.targetUrl() == null ? "" : c.targetUrl());
    d.put("description", c.description() == null ? "" : c.description());
    d.put("context", c.context());
    return d;
  }

  /** {@code patch_check_to_dict}: the combined state, and the newest check per user and context. */
  static Map<String, Object> patchChecks(String combinedState, List<RpcQueries.RpcCheck> checks) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("state", combinedState);
    d.put("total", (long) checks.size());
    d.put("checks", checks.stream().map(PatchworkDicts::check).map(Object.class::cast).toList());
    return d;
  }

  /** Patchwork's {@code Person.__str__}. */
  private static String person(String name, String email) {
    return name == null || name.isEmpty() ? email : name + " <" + email + ">";
  }

  /** Python's {@code str(datetime)}: microseconds only when there are some. */
  private static String date(LocalDateTime t) {
    String seconds = PYTHON_DATETIME.format(t);
    int micros = t.getNano() / 1000;
    return micros == 0 ? seconds : seconds + String.format(".%06d", micros);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
