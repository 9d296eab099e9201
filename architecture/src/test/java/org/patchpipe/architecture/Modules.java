package org.patchpipe.architecture;

import java.util.List;
import java.util.Set;

/**
 * The modules as the README's module table states them: each one's root package, the patchpipe
 * modules it may use, and the packages it exports to them. A module's other packages are its
 * internals: public only so that its own packages can share them.
 */
enum Modules {
  PARSER("parser", Set.of(), List.of("", ".mail", ".series", ".diff")),
  EVENT("event", Set.of("parser"), List.of("")),
  BROKER("broker", Set.of(), List.of("")),
  INGEST("ingest", Set.of("parser", "event"), List.of("", ".imap", ".kafka", ".source")),
  // store.api's resource packages (patch, series, check, ...) are the API's own parts; others
  // start the API through store.api's ApiServer and ApiConfig. ".runtime" is the store's
  // lifecycle entry point (issue 10, item 3), exported once it exists.
  STORE("store", Set.of("parser", "event"), List.of(".api", ".consume", ".db", ".embedded", ".runtime", ".webhook")),
  COMMITS("commits", Set.of("parser", "store"), List.of("")),
  CLI("cli", Set.of("parser", "event", "broker", "ingest", "store", "commits"), List.of());

  final String name;
  final Set<String> uses;
  /** Package suffixes after the root package; "" is the root package itself. */
  final List<String> exports;

  Modules(String name, Set<String> uses, List<String> exports) {
    this.name = name;
    this.uses = uses;
    this.exports = exports;
  }

  /** The root package, e.g. {@code org.patchpipe.store}. */
  String root() {
    return "org.patchpipe." + name;
  }

  /** The ArchUnit pattern of every package of the module. */
  String allPackages() {
    return root() + "..";
  }

  /** Whether the package is one of this module's. */
  boolean owns(String packageName) {
    return packageName.equals(root()) || packageName.startsWith(root() + ".");
  }

  /** Whether the package is one that this module exports to the others. */
  boolean exports(String packageName) {
    return exportedPackages().contains(packageName);
  }

  /** The exported packages' names. */
  List<String> exportedPackages() {
    return exports.stream().map(suffix -> root() + suffix).toList();
  }
}
