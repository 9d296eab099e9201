package org.patchpipe.store.web;

import java.util.List;
import org.patchpipe.store.db.StateRepository.State;

/**
 * What a project's patch list shows: one page of its patches under the list's filters and order,
 * with the filter form's values and, for a series view, the series' heading. Immutable.
 *
 * @param projectName the project's display name
 * @param linkName the project's link name, as in its URLs
 * @param filters the filters applied, as the form shows them back
 * @param order the list's order
 * @param states every state, for the form's choice
 * @param series the series heading of a series view, or null
 * @param patches the page's rows, in the list's order
 * @param nav where the page is in the list
 */
public record PatchListView(String projectName, String linkName, ListFilters filters, ListOrder order,
    List<State> states, SeriesHeading series, List<PatchLine> patches, PageNav nav) {
  public PatchListView {
    states = List.copyOf(states);
    patches = List.copyOf(patches);
  }

  /** Patchwork's path of a project's patch list. */
  public static String listPath(String linkName) {
    return "/project/" + linkName + "/list/";
  }

  /** This list, ordered by a click on {@code column}'s header, from its first page. */
  public String sortHref(String column) {
    return listPath(linkName) + filters.query(ListOrder.parse(order.keyFor(column)), 1);
  }

  /** Page {@code n} of this list, with its filters and order. */
  public String pageHref(int n) {
    return listPath(linkName) + filters.query(order, n);
  }

  /** The list without any filter. */
  public String clearHref() {
    return listPath(linkName);
  }

  /** The project's public bundles. */
  public String bundlesHref() {
    return "/project/" + linkName + "/bundles/";
  }

  /** The project's pwclientrc. */
  public String pwclientrcHref() {
    return "/project/" + linkName + "/pwclientrc/";
  }

  /** What the filters select, in words, e.g. "Action required, not archived". */
  public String describe() {
    String state = switch (filters.state()) {
      case "" -> "Action required";
      case "*" -> "Any state";
      default -> states.stream().filter(s -> Long.toString(s.id()).equals(filters.state())).map(State::name)
          .findFirst().orElse("State " + filters.state());
    };
    String archive = switch (filters.archive()) {
      case "true" -> "archived";
      case "both" -> "archived or not";
      default -> "not archived";
    };
    return state + ", " + archive;
  }
}
