package org.patchpipe.store.api.xmlrpc;

import java.util.List;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.db.RpcQueries;

/**
 * Patchwork's {@code pw_rpc_version} and the project, person and state methods: lists filtered by
 * a substring ({@code search_str}) and cut by {@code max_count}, and lookups by id that answer an
 * empty dict for an unknown id.
 */
final class DirectoryMethods {
  private final ApiDatabase db;

  DirectoryMethods(ApiDatabase db) {
    this.db = db;
  }

  List<XmlRpcMethod> methods() {
    return List.of(
        XmlRpcMethod.open(PythonSignature.of("pw_rpc_version"), (user, a) -> List.of(1L, 3L, 0L)),
        XmlRpcMethod.open(listing("project_list"), (user, a) -> db.read(c -> new RpcQueries(c)
            .projects(CallValues.search(a.get(0)), CallValues.maxCount(a.get(1))))
            .stream().map(PatchworkDicts::project).toList()),
        XmlRpcMethod.open(PythonSignature.of("project_get", "project_id"), (user, a) -> CallValues.dictById(a.get(0),
            id -> db.read(c -> new RpcQueries(c).project(id)).map(PatchworkDicts::project))),
        XmlRpcMethod.open(listing("person_list"), (user, a) -> db.read(c -> new RpcQueries(c)
            .people(CallValues.search(a.get(0)), CallValues.maxCount(a.get(1))))
            .stream().map(PatchworkDicts::person).toList()),
        XmlRpcMethod.open(PythonSignature.of("person_get", "person_id"), (user, a) -> CallValues.dictById(a.get(0),
            id -> db.read(c -> new RpcQueries(c).person(id)).map(PatchworkDicts::person))),
        XmlRpcMethod.open(listing("state_list"), (user, a) -> db.read(c -> new RpcQueries(c)
            .states(CallValues.search(a.get(0)), CallValues.maxCount(a.get(1))))
            .stream().map(PatchworkDicts::state).toList()),
        XmlRpcMethod.open(PythonSignature.of("state_get", "state_id"), (user, a) -> CallValues.dictById(a.get(0), id ->
            db.read(c -> new RpcQueries(c).state(id)).map(PatchworkDicts::state))));
  }

  /** {@code NAME(search_str=None, max_count=0)}. */
  private static PythonSignature listing(String name) {
    return new PythonSignature(name, List.of("search_str", "max_count"), java.util.Arrays.asList(null, 0L));
  }
}
