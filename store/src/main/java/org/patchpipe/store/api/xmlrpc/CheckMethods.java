package org.patchpipe.store.api.xmlrpc;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.check.CheckState;
import org.patchpipe.store.db.CheckRepository;
import org.patchpipe.store.db.DjangoValue;
import org.patchpipe.store.db.FieldLookup;
import org.patchpipe.store.db.PatchQueries;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.RpcQueries;

/**
 * Patchwork's check methods: {@code check_list} with its filter dict (a {@code project_id} or
 * {@code patch_id} naming nothing is Python's {@code IndexError} there, not an empty list),
 * {@code check_get}, {@code patch_check_get} (the combined state and the newest check per user and
 * context), and {@code check_create} for a user who may edit the patch, through
 * {@link CheckRepository#create}, the REST API's check {@code POST} path, so it records the same
 * {@code check-created} event. As Patchwork's {@code Check.objects.create}, it validates only the
 * state, not the context's or URL's form.
 */
final class CheckMethods {
  /** The {@code patch_check} column widths: {@code target_url} 200, {@code context} 255. */
  private static final int URL_LENGTH = 200;
  private static final int CONTEXT_LENGTH = 255;

  private final ApiDatabase db;

  CheckMethods(ApiDatabase db) {
    this.db = db;
  }

  List<XmlRpcMethod> methods() {
    return List.of(
        XmlRpcMethod.open(new PythonSignature("check_list", List.of("filt"), java.util.Collections.singletonList(null)),
            (user, a) -> list(a.get(0))),
        XmlRpcMethod.open(PythonSignature.of("check_get", "check_id"), (user, a) -> CallValues.dictById(a.get(0),
            id -> db.read(c -> new RpcQueries(c).checks(
                List.of(FieldLookup.of(FieldLookup.Field.CHECK_ID, FieldLookup.Lookup.EXACT, id)), 0))
                .stream().findFirst().map(PatchworkDicts::check))),
        XmlRpcMethod.open(PythonSignature.of("patch_check_get", "patch_id"), (user, a) -> patchChecks(a.get(0))),
        XmlRpcMethod.login(new PythonSignature("check_create",
                List.of("user", "patch_id", "context", "state", "target_url", "description"), Arrays.asList("", "")),
            (user, a) -> create(user, a.get(0), a.get(1), a.get(2), a.get(3), a.get(4))));
  }

  private List<Map<String, Object>> list(Object filt) {
    return db.read(c -> {
      FilterDict filter = FilterDict.parse(filt, FilterDict.CHECK, (field, id) -> {
        try {
          boolean missing = field == FieldLookup.Field.CHECK_PROJECT
              ? new RpcQueries(c).project(id).isEmpty() : !new PatchRepository(c, db.clock()).exists(id);
          if (missing) {
            throw XmlRpcFault.of("IndexError", "list index out of range");
          }
          return false;
        } catch (java.sql.SQLException e) {
          throw new ApiDatabase.StoreAccessException(e);
        }
      });
      if (filter.matchesNothing()) {
        return List.<Map<String, Object>>of();
      }
      return new RpcQueries(c).checks(filter.lookups(), filter.maxCount()).stream().map(PatchworkDicts::check).toList();
    });
  }

  private Map<String, Object> patchChecks(Object patchId) {
    Long id = CallValues.id(patchId);
    if (id == null) {
      return Map.of();
    }
    return db.read(c -> {
      var patch = new PatchQueries(c).find(id);
      if (patch.isEmpty()) {
        return Map.<String, Object>of();
      }
      return PatchworkDicts.patchChecks(patch.get().check(), new RpcQueries(c).latestChecks(id));
    });
  }

  private boolean create(ApiUser user, Object patchId, Object context, Object state, Object targetUrl,
      Object description) {
    Long id = CallValues.id(patchId);
    return db.write(c -> {
      PatchRepository patches = new PatchRepository(c, db.clock());
      if (id == null || !patches.exists(id)) {
        throw XmlRpcFault.doesNotExist("Patch");
      }
      if (!patches.editableBy(id, user.id())) {
        throw XmlRpcFault.exception("No permissions to edit this patch");
      }
      CheckState checkState = state instanceof String label ? CheckState.ofLabel(label) : null;
      if (checkState == null) {
        throw XmlRpcFault.exception("Invalid check state: " + DjangoValue.str(state));
      }
      String ctx = column("context", context, CONTEXT_LENGTH);
      if (ctx == null) {
        throw XmlRpcFault.of("django.db.utils.IntegrityError",
            "null value in column \"context\" of relation \"patchwork_check\" violates not-null constraint\n");
      }
      new CheckRepository(c, db.clock()).create(id, user.id(), checkState.ordinal(),
          column("target_url", targetUrl, URL_LENGTH), ctx, column("description", description, Integer.MAX_VALUE));
      return true;
    });
  }

  /** A text column's value as Django saves it: the string form, refused past the column's width. */
  private static String column(String name, Object value, int width) {
    String text = value == null ? null : DjangoValue.str(value);
    if (text != null && text.length() > width) {
      throw XmlRpcFault.of("django.db.utils.DataError", "value too long for type character varying(" + width + ")\n");
    }
    return text;
  }
}
