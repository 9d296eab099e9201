package org.patchpipe.store.api.xmlrpc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.download.MboxDocument;
import org.patchpipe.store.db.DjangoValue;
import org.patchpipe.store.db.FieldLookup;
import org.patchpipe.store.db.PatchEdit;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.RpcQueries;
import org.patchpipe.store.db.SubmissionKind;
import org.patchpipe.store.db.SubmissionRepository;

/**
 * Patchwork's patch methods: {@code patch_list} with its filter dict, the lookups by id and by
 * hash (an unknown one is an empty dict, several for one hash Django's
 * {@code MultipleObjectsReturned}), the mbox and the diff, and {@code patch_set} (state by id,
 * {@code commit_ref}, {@code archived}; other keys ignored) for a user who may edit the patch,
 * through {@link PatchRepository#edit}, the REST API's {@code PATCH} path, so the same events are
 * recorded.
 */
final class PatchMethods {
  /** Patchwork's {@code commit_ref} column is a {@code CharField(max_length=255)}. */
  private static final int COMMIT_REF_LENGTH = 255;

  private final ApiDatabase db;

  PatchMethods(ApiDatabase db) {
    this.db = db;
  }

  List<XmlRpcMethod> methods() {
    return List.of(
        XmlRpcMethod.open(new PythonSignature("patch_list", List.of("filt"), java.util.Collections.singletonList(null)),
            (user, a) -> list(a.get(0))),
        XmlRpcMethod.open(PythonSignature.of("patch_get", "patch_id"), (user, a) -> CallValues.dictById(a.get(0),
            id -> db.read(c -> new RpcQueries(c).patches(List.of(byId(id)), 0)).stream().findFirst()
                .map(PatchworkDicts::patch))),
        XmlRpcMethod.open(PythonSignature.of("patch_get_by_hash", "hash"), (user, a) -> byHash(null, a.get(0))),
        XmlRpcMethod.open(PythonSignature.of("patch_get_by_project_hash", "project", "hash"),
            (user, a) -> byHash(a.get(0), a.get(1))),
        XmlRpcMethod.open(PythonSignature.of("patch_get_mbox", "patch_id"), (user, a) -> mbox(a.get(0))),
        XmlRpcMethod.open(PythonSignature.of("patch_get_diff", "patch_id"), (user, a) -> diff(a.get(0))),
        XmlRpcMethod.login(PythonSignature.of("patch_set", "user", "patch_id", "params"),
            (user, a) -> set(user, a.get(0), a.get(1))));
  }

  private List<Map<String, Object>> list(Object filt) {
    return db.read(c -> {
      FilterDict filter = FilterDict.parse(filt, FilterDict.PATCH, (field, id) -> false);
      if (filter.matchesNothing()) {
        return List.<Map<String, Object>>of();
      }
      return new RpcQueries(c).patches(filter.lookups(), filter.maxCount()).stream()
          .map(PatchworkDicts::patch).toList();
    });
  }

  private Map<String, Object> byHash(Object project, Object hash) {
    String linkName = project == null ? null : DjangoValue.str(project);
    List<RpcQueries.RpcPatch> found = db.read(c -> new RpcQueries(c).patchesByHash(linkName, DjangoValue.str(hash)));
    if (found.size() > 1) {
      throw XmlRpcFault.of("patchwork.models.Patch.MultipleObjectsReturned",
          "get() returned more than one Patch -- it returned " + found.size() + "!");
    }
    return found.isEmpty() ? Map.of() : PatchworkDicts.patch(found.get(0));
  }

  /** Patchwork's {@code patch_to_mbox}, or an empty string for an unknown patch. */
  private String mbox(Object patchId) {
    Long id = CallValues.id(patchId);
    if (id == null) {
      return "";
    }
    return db.read(c -> new SubmissionRepository(c).find(SubmissionKind.PATCH, id))
        .map(MboxDocument::render).orElse("");
  }

  /** The stored diff; a patch without one answers None, which Patchwork cannot marshal. */
  private String diff(Object patchId) {
    Long id = CallValues.id(patchId);
    if (id == null) {
      return "";
    }
    Optional<org.patchpipe.store.db.Submission> patch =
        db.read(c -> new SubmissionRepository(c).find(SubmissionKind.PATCH, id));
    if (patch.isEmpty()) {
      return "";
    }
    if (patch.get().diff() == null) {
      throw XmlRpcFault.typeError("cannot marshal None unless allow_none is enabled");
    }
    return patch.get().diff();
  }

  private boolean set(ApiUser user, Object patchId, Object params) {
    Long id = CallValues.id(patchId);
    return db.write(c -> {
      PatchRepository patches = new PatchRepository(c, db.clock());
      if (id == null || !patches.lock(id)) {
        throw XmlRpcFault.doesNotExist("Patch");
      }
      if (!patches.editableBy(id, user.id())) {
        throw XmlRpcFault.exception("No permissions to edit this patch");
      }
      if (!(params instanceof Map<?, ?> fields)) {
        throw XmlRpcFault.of("AttributeError",
            "'" + DjangoValue.typeName(params) + "' object has no attribute 'items'");
      }
      patches.edit(id, patches.editTarget(id), edit(c, fields), user.id());
      return true;
    });
  }

  /** The edit {@code params} asks for, read as Patchwork's {@code setattr} and {@code save()} would. */
  private static PatchEdit edit(Connection c, Map<?, ?> params) throws SQLException {
    Optional<Long> state = Optional.empty();
    Optional<Boolean> archived = Optional.empty();
    Optional<Optional<String>> commitRef = Optional.empty();
    for (Map.Entry<?, ?> param : params.entrySet()) {
      Object value = param.getValue();
      switch ((String) param.getKey()) {
        case "state":
          Long stateId = CallValues.id(value);
          if (stateId == null || new RpcQueries(c).state(stateId).isEmpty()) {
            throw XmlRpcFault.doesNotExist("State");
          }
          state = Optional.of(stateId);
          break;
        case "commit_ref":
          String ref = value == null ? null : DjangoValue.str(value);
          if (ref != null && ref.length() > COMMIT_REF_LENGTH) {
            throw XmlRpcFault.of("django.db.utils.DataError", "value too long for type character varying(255)\n");
          }
          commitRef = Optional.of(Optional.ofNullable(ref));
          break;
        case "archived":
          if (value == null) {
            throw XmlRpcFault.of("django.db.utils.IntegrityError",
                "null value in column \"archived\" of relation \"patchwork_patch\" violates not-null constraint\n");
          }
          try {
            archived = Optional.of((Boolean) DjangoValue.toPython(FieldLookup.Kind.BOOLEAN, value));
          } catch (DjangoValue.InvalidValue e) {
            throw XmlRpcFault.of("django.core.exceptions.ValidationError", e.getMessage());
          }
          break;
        default:
          // Patchwork skips every other key.
      }
    }
    return new PatchEdit(state, Optional.empty(), archived, commitRef, Optional.empty());
  }

  private static FieldLookup byId(long id) {
    return FieldLookup.of(FieldLookup.Field.PATCH_ID, FieldLookup.Lookup.EXACT, id);
  }
}
