package org.patchpipe.commits;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the revision linker knows of one series: who sent it, which version, when, the Message-IDs
 * of its mails and those they reference, the titles of its cover letter and patches, and any
 * {@code change-id:} or {@code Supersedes:} lines. Immutable; build it with {@link #title(String)}
 * normalising every name.
 *
 * @param id the series id
 * @param submitter the submitter's e-mail address, lower case
 * @param version the series version (R5.5)
 * @param date the series date (its first mail)
 * @param msgids the Message-IDs of its cover letter and patches
 * @param references the Message-IDs its mails reply to or reference, outside the series itself
 * @param titles the cover letter's and patches' names, normalised by {@link #title(String)}
 * @param changeIds the values of {@code change-id:} lines (b4) in its mails
 * @param supersedes the Message-IDs named by {@code Supersedes:} lines in its mails
 * @param topics the subject prefix tokens that say which tree or branch it is for ({@code net-next},
 *     {@code 5.4}), normalised by {@link #topics(String)}
 * @param resend a subject prefix says RESEND
 */
public record SeriesRevision(
    long id,
    String submitter,
    int version,
    LocalDateTime date,
    Set<String> msgids,
    Set<String> references,
    Set<String> titles,
    Set<String> changeIds,
    Set<String> supersedes,
    Set<String> topics,
    boolean resend) {
  private static final Pattern PREFIXES = Pattern.compile("^(\\s*\\[[^\\]]*\\])+");
  private static final Pattern VERSION_MARK = Pattern.compile("\\s*[(\\[]?\\bv\\d+\\b[)\\]]?\\s*$");
  private static final Pattern NOT_TOPIC =
      Pattern.compile("(patch|resend|rfc)?(v\\d+)?|\\d+(/\\d+)?");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  public SeriesRevision {
    submitter = submitter.toLowerCase(Locale.ROOT);
    msgids = Set.copyOf(msgids);
    references = Set.copyOf(references);
    titles = Set.copyOf(titles);
    changeIds = Set.copyOf(changeIds);
    supersedes = Set.copyOf(supersedes);
    topics = Set.copyOf(topics);
  }

  /** Whether a name's leading brackets hold a RESEND token. */
  public static boolean isResend(String name) {
    Matcher m = PREFIXES.matcher(name);
    return m.find() && m.group().toLowerCase(Locale.ROOT).matches("(?s).*\\bresend\\b.*");
  }

  /**
   * The prefix tokens of a name that name a tree or branch: every comma- or space-separated token
   * of its leading brackets except PATCH, RESEND, RFC, version marks ({@code v2}, {@code PATCHv2})
   * and numbering ({@code 1/3}); lower case.
   */
  public static Set<String> topics(String name) {
    Matcher m = PREFIXES.matcher(name);
    if (!m.find()) {
      return Set.of();
    }
    Set<String> topics = new java.util.TreeSet<>();
    for (String token : m.group().toLowerCase(Locale.ROOT).split("[\\[\\],\\s]+")) {
      if (!token.isEmpty() && !NOT_TOPIC.matcher(token).matches()) {
        topics.add(token);
      }
    }
    return topics;
  }

  /**
   * A patch or cover name as revisions compare it: without leading bracketed prefixes
   * ({@code [v2,1/3]}), without a trailing version mark ({@code (v3)}), lower case, single spaces.
   */
  public static String title(String name) {
    String t = PREFIXES.matcher(name).replaceFirst("");
    t = VERSION_MARK.matcher(t).replaceFirst("");
    return SPACE.matcher(t.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }
}
