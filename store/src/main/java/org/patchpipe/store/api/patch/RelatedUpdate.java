package org.patchpipe.store.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.DrfFields;
import org.patchpipe.store.db.PatchRelationRepository;
import org.patchpipe.store.db.PatchRelationRepository.Member;
import org.patchpipe.store.db.UserRepository;

/**
 * A patch's {@code related} as a client sent it (a list of patch ids), applied with the rules of
 * Patchwork's {@code PatchDetailSerializer.update}:
 *
 * <ul>
 *   <li>The caller must maintain the project of this patch, of every patch already in its relation
 *       and of every patch named (403 "At least one patch is part of a project you are not
 *       maintaining."), so patches of several projects may be related by someone who maintains all
 *       of them, and only such a maintainer may change that relation afterwards.
 *   <li>Break before make: if the patches named and this patch's relation span two relations, the
 *       request is 409; a patch leaves a relation only when its own {@code related} is cleared.
 *   <li>Additive: relating 1 (in [1, 2, 3]) to [2, 4] gives [1, 2, 3, 4]; an empty list takes this
 *       patch out of its relation (a relation of two is dissolved).
 *   <li>A {@code PUT} without {@code related} is a full update with the field's default, the empty
 *       list, so it takes the patch out of its relation and needs a maintainer, as in Patchwork.
 * </ul>
 *
 * <p>Each patch whose relation changes gets a {@code patch-relation-changed} event by the caller.
 * Immutable.
 *
 * @param ids the patch ids named, in order, without repeats
 */
record RelatedUpdate(List<Long> ids) {
  private static final String CONFLICT = "At least one patch is already part of another relation. You have to"
      + " explicitly remove a patch from its existing relation before moving it to this one.";
  private static final String NOT_MAINTAINER = "At least one patch is part of a project you are not maintaining.";

  /** The field as DRF's many-related field reads it; null when the body has an error there. */
  static RelatedUpdate parse(JsonNode node, Map<String, List<String>> errors) {
    if (node.isNull()) {
      errors.put("related", List.of("This field may not be null."));
      return null;
    }
    if (!node.isArray()) {
      errors.put("related", List.of("Expected a list of items but got type \"" + DrfFields.typeName(node) + "\"."));
      return null;
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (JsonNode item : node) {
      if (item.isIntegralNumber() && item.canConvertToLong()) {
        ids.add(item.asLong());
      } else if (item.isTextual() && item.asText().strip().matches("-?\\d{1,18}")) {
        ids.add(Long.parseLong(item.asText().strip()));
      } else if (item.isNull()) {
        errors.put("related", List.of("Invalid pk \"None\" - object does not exist."));
        return null;
      } else {
        errors.put("related", List.of("Incorrect type. Expected pk value, received "
            + DrfFields.typeName(item) + "."));
        return null;
      }
    }
    return new RelatedUpdate(List.copyOf(ids));
  }

  /** The named patches, locked; adds DRF's error for the first id that names no patch. */
  Map<Long, Member> existing(Connection connection, Clock clock, Map<String, List<String>> errors)
      throws SQLException {
    Map<Long, Member> found = new PatchRelationRepository(connection, clock).members(ids);
    for (Long id : ids) {
      if (!found.containsKey(id)) {
        errors.put("related", List.of("Invalid pk \"" + id + "\" - object does not exist."));
        break;
      }
    }
    return found;
  }

  /** Applies the rules above to the locked patch {@code patchId}; {@code named} from {@link #existing}. */
  void apply(Connection connection, Clock clock, long patchId, Map<Long, Member> named, long actorId)
      throws SQLException {
    PatchRelationRepository relations = new PatchRelationRepository(connection, clock);
    Member patch = relations.members(List.of(patchId)).get(patchId);
    UserRepository users = new UserRepository(connection);
    requireMaintainer(users, actorId, List.of(patch));
    Map<Long, Member> involved = new LinkedHashMap<>(named);
    if (patch.relationId() != null) {
      for (Member m : relations.ofRelation(patch.relationId())) {
        involved.putIfAbsent(m.patchId(), m);
      }
    }
    requireMaintainer(users, actorId, involved.values());
    if (ids.isEmpty()) {
      relations.leave(patch, actorId);
      return;
    }
    Set<Long> relationIds = new LinkedHashSet<>();
    for (Member m : involved.values()) {
      if (m.relationId() != null) {
        relationIds.add(m.relationId());
      }
    }
    if (relationIds.size() > 1) {
      throw ApiException.detail(409, CONFLICT);
    }
    Long relation = relationIds.isEmpty() ? null : relationIds.iterator().next();
    // Patchwork saves the other patches first, then the edited one.
    List<Member> order = new ArrayList<>();
    involved.values().stream().filter(m -> m.patchId() != patchId)
        .sorted(java.util.Comparator.comparingLong(Member::patchId)).forEach(order::add);
    order.add(involved.getOrDefault(patchId, patch));
    relations.join(relation, order, actorId);
  }

  private static void requireMaintainer(UserRepository users, long userId, Iterable<Member> patches)
      throws SQLException {
    Set<Long> checked = new LinkedHashSet<>();
    for (Member m : patches) {
      if (checked.add(m.projectId()) && !users.maintains(userId, m.projectId())) {
        throw ApiException.detail(403, NOT_MAINTAINER);
      }
    }
  }
}
