package org.patchpipe.parser;

import java.util.Objects;

/**
 * The Patchwork project a mail is parsed for. Its link name is dropped from subject prefixes (R5.1)
 * and its list address marks DMARC-munged mail sent "via" the list (R3.3). Immutable.
 *
 * @param linkName the project's short name, e.g. {@code openrisc}
 * @param listId the List-Id without angle brackets, e.g. {@code openrisc.lists.librecores.org}
 * @param listEmail the list's posting address, e.g. {@code openrisc@lists.librecores.org}
 */
public record Project(String linkName, String listId, String listEmail) {
  public Project {
    Objects.requireNonNull(linkName, "linkName");
    Objects.requireNonNull(listId, "listId");
    Objects.requireNonNull(listEmail, "listEmail");
  }

  /**
   * The project Patchwork's oracle makes for a list id: link name = the text before the first dot,
   * list address = the list id with its first dot turned into {@code @}.
   *
   * @throws IllegalArgumentException if {@code listId} has no dot
   */
  public static Project ofListId(String listId) {
    int dot = listId.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("list id must look like NAME.DOMAIN: " + listId);
    }
    return new Project(listId.substring(0, dot), listId, listId.substring(0, dot) + "@" + listId.substring(dot + 1));
  }
}
