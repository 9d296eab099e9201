package org.patchpipe.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only store names store tables: no main source file of another module holds SQL on a table that
 * store's migrations ({@code store/src/main/resources/db/*.sql}) create. SQL is looked for in Java
 * string literals and text blocks, as a table name after FROM, JOIN, INTO, UPDATE, TABLE or
 * TRUNCATE.
 */
class StoreTablesTest {
  private static final Pattern CREATE_TABLE =
      Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?(\\w+)\"?");
  // Text blocks first, so that their quotes are not read as ordinary literals.
  private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL);
  private static final Pattern TABLE_AFTER_KEYWORD =
      Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\\s+(?:ONLY\\s+)?\"?(\\w+)\"?");

  private static Path root;
  private static Set<String> tables;

  @BeforeAll
  static void readStoreTables() throws IOException {
    root = Path.of(System.getProperty("patchpipe.root", "..")).toAbsolutePath().normalize();
    try (Stream<Path> migrations = Files.list(root.resolve("store/src/main/resources/db"))) {
      tables = migrations.filter(p -> p.toString().endsWith(".sql"))
          .flatMap(p -> matches(CREATE_TABLE, read(p)))
          .map(String::toLowerCase)
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertTrue(tables.containsAll(Set.of("patch", "project", "event", "series_revision")),
        "the table names were not read from store's migrations: " + tables);
  }

  @Test
  void onlyStoreNamesStoreTables() throws IOException {
    assertEquals(Map.of(), tablesNamedOutsideStore(), "only store names store tables (file -> tables it names in SQL)");
  }

  @Test
  void theScanFindsSqlInLiteralsAndTextBlocks() {
    String java = "class X { String a = \"SELECT id FROM patch p JOIN person s ON s.id = p.submitter_id\";\n"
        + "  // from project: a comment, not SQL\n"
        + "  String b = \"\"\"\n      INSERT INTO event (category)\n      VALUES ('x')\"\"\";\n"
        + "  String c = \"read from mbox\"; }";
    assertEquals(Set.of("patch", "person", "event"), storeTablesIn(java));
  }

  private static Map<String, Set<String>> tablesNamedOutsideStore() throws IOException {
    Map<String, Set<String>> named = new TreeMap<>();
    for (Modules module : Modules.values()) {
      if (module == Modules.STORE) {
        continue;
      }
      Path sources = root.resolve(module.name).resolve("src/main");
      assertTrue(Files.isDirectory(sources), "no main sources at " + sources);
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          Set<String> found = storeTablesIn(read(file));
          if (!found.isEmpty()) {
            named.put(root.relativize(file).toString().replace('\\', '/'), found);
          }
        }
      }
    }
    return named;
  }

  private static Set<String> storeTablesIn(String java) {
    Set<String> found = new TreeSet<>();
    Matcher literal = LITERAL.matcher(java);
    while (literal.find()) {
      String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
      matches(TABLE_AFTER_KEYWORD, text).map(String::toLowerCase).filter(tables::contains).forEach(found::add);
    }
    return found;
  }

  private static Stream<String> matches(Pattern pattern, String text) {
    return pattern.matcher(text).results().map(m -> m.group(1));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
