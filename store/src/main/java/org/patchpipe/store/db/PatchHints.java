package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a new patch's hint headers against the database: X-Patchwork-State to a State by name
 * ignoring case, else the default state (ordering 0) (R10.2); X-Patchwork-Delegate to the User with
 * that email ignoring case, else, for a patch with a diff, the project's delegation rules (R10.3).
 * Not thread-safe: shares its caller's connection.
 */
final class PatchHints {
  private static final Pattern DIFF_FILE = Pattern.compile("^(---|\\+\\+\\+) (\\S+)");

  private final StatementCache sql;
  // Read once per batch (see forget()): states and rules change only by hand, never per mail.
  private final java.util.Map<String, Long> stateIds = new java.util.HashMap<>();
  private final java.util.Map<Long, List<Rule>> rules = new java.util.HashMap<>();

  private record Rule(long userId, Pattern pattern) {}

  PatchHints(StatementCache sql) {
    this.sql = sql;
  }

  /** Drops what was read, so the next batch sees states and rules edited meanwhile. */
  void forget() {
    stateIds.clear();
    rules.clear();
  }

  /** R10.2: the state id for an X-Patchwork-State value (null or blank: the default state). */
  long state(String header) throws SQLException {
    String key = header == null || header.isBlank() ? "" : header.strip().toLowerCase(java.util.Locale.ROOT);
    Long cached = stateIds.get(key);
    if (cached == null) {
      cached = lookUpState(header);
      stateIds.put(key, cached);
    }
    return cached;
  }

  private long lookUpState(String header) throws SQLException {
    if (header != null && !header.isBlank()) {
      PreparedStatement ps = sql.get("SELECT id FROM state WHERE lower(name) = lower(?)");
      ps.setString(1, header.strip());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    PreparedStatement ps = sql.get("SELECT id FROM state ORDER BY ordering LIMIT 1");
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the state table is empty: run the schema migrations");
      }
      return rs.getLong(1);
    }
  }

  /** R10.3: the delegate's user id, if the header or the project's rules name exactly one. */
  Optional<Long> delegate(long projectId, String header, String diff) throws SQLException {
    if (header != null && !header.isBlank()) {
      PreparedStatement ps = sql.get("SELECT id FROM auth_user WHERE lower(email) = lower(?) LIMIT 2");
      ps.setString(1, header.strip());
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      // Patchwork's User.objects.get fails on several case-variant users: no delegate (R13.21).
      if (ids.size() == 1) {
        return Optional.of(ids.get(0));
      }
    }
    return diff == null ? Optional.empty() : byRules(projectId, diff);
  }

  private List<Rule> rules(long projectId) throws SQLException {
    List<Rule> cached = rules.get(projectId);
    if (cached != null) {
      return cached;
    }
    PreparedStatement ps = sql.get(
        "SELECT user_id, path FROM delegation_rule WHERE project_id = ? ORDER BY priority DESC, path");
    ps.setLong(1, projectId);
    List<Rule> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(new Rule(rs.getLong(1), fnmatch(rs.getString(2))));
      }
    }
    rules.put(projectId, found);
    return found;
  }

  private Optional<Long> byRules(long projectId, String diff) throws SQLException {
    List<Rule> projectRules = rules(projectId);
    if (projectRules.isEmpty()) {
      return Optional.empty();
    }
    Long delegate = null;
    for (String file : files(diff)) {
      Long user = null;
      for (Rule rule : projectRules) {
        if (rule.pattern().matcher(file).matches()) {
          user = rule.userId();
          break;
        }
      }
      if (user == null || (delegate != null && !delegate.equals(user))) {
        return Optional.empty();
      }
      delegate = user;
    }
    return Optional.ofNullable(delegate);
  }

  /** R10.3: the diff's file paths without their first component, de-duplicated and sorted. */
  static TreeSet<String> files(String diff) {
    TreeSet<String> files = new TreeSet<>();
    for (String line : diff.replace("\r", "").split("\n", -1)) {
      Matcher m = DIFF_FILE.matcher(line.strip());
      if (!m.find()) {
        continue;
      }
      String path = m.group(2);
      if (path.startsWith("/dev/null")) {
        continue;
      }
      int slash = path.indexOf('/');
      files.add(slash < 0 ? path : path.substring(slash + 1));
    }
    return files;
  }

  /** Python's fnmatch.translate, case-sensitive as on POSIX: {@code *} also crosses {@code /}. */
  static Pattern fnmatch(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int j = i + 1;
        if (j < glob.length() && glob.charAt(j) == '!') {
          j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
          j++;
        }
        while (j < glob.length() && glob.charAt(j) != ']') {
          j++;
        }
        if (j >= glob.length()) {
          re.append("\\[");
        } else {
          String set = glob.substring(i + 1, j).replace("\\", "\\\\");
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          } else if (set.startsWith("^")) {
            set = "\\" + set;
          }
          re.append('[').append(set).append(']');
          i = j;
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
