package org.patchpipe.commits;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the mails of series into one {@link SeriesRevision} each: a series' submitter, version
 * and date are its earliest mail's; references inside the series itself are dropped. Reads
 * {@code change-id:} lines as b4 writes them and {@code Supersedes:} lines naming a Message-ID or a
 * lore URL; also extracts Message-IDs from a stored header block ({@link #references(String)}).
 *
 * <p>Mutable, one per thread. Never throws for odd mail.
 */
public final class SeriesRevisions {
  private static final Pattern CHANGE_ID = Pattern.compile("(?im)^change-id:[ \\t]*(\\S+)[ \\t]*$");
  private static final Pattern SUPERSEDES = Pattern.compile("(?im)^supersedes:[ \\t]*(\\S+)[ \\t]*$");
  private static final Pattern MSGID = Pattern.compile("<[^<>\\s]+>");
  private static final Pattern REF_HEADER =
      Pattern.compile("(?im)^(?:in-reply-to|references):((?:[^\\n]*)(?:\\n[ \\t][^\\n]*)*)");

  private final Map<Long, List<SeriesMail>> bySeries = new LinkedHashMap<>();

  /** Adds one mail of a series. */
  public SeriesRevisions add(SeriesMail mail) {
    bySeries.computeIfAbsent(mail.seriesId(), k -> new ArrayList<>()).add(mail);
    return this;
  }

  /** Adds mails of series. */
  public SeriesRevisions addAll(Iterable<SeriesMail> mails) {
    mails.forEach(this::add);
    return this;
  }

  /** One revision per series seen. */
  public List<SeriesRevision> revisions() {
    List<SeriesRevision> out = new ArrayList<>();
    bySeries.forEach((id, mails) -> out.add(revision(id, mails)));
    return out;
  }

  private static SeriesRevision revision(long id, List<SeriesMail> mails) {
    SeriesMail first = mails.get(0);
    LocalDateTime date = first.date();
    Set<String> msgids = new LinkedHashSet<>();
    Set<String> titles = new LinkedHashSet<>();
    Set<String> changeIds = new LinkedHashSet<>();
    Set<String> supersedes = new LinkedHashSet<>();
    Set<String> topics = new LinkedHashSet<>();
    boolean resend = false;
    for (SeriesMail m : mails) {
      if (m.date() != null && (date == null || m.date().isBefore(date))) {
        date = m.date();
        first = m;
      }
      msgids.add(m.msgid());
      titles.add(SeriesRevision.title(m.name()));
      topics.addAll(SeriesRevision.topics(m.name()));
      resend |= SeriesRevision.isResend(m.name());
      if (m.content() != null) {
        find(CHANGE_ID, m.content(), changeIds);
        Set<String> values = new LinkedHashSet<>();
        find(SUPERSEDES, m.content(), values);
        for (String v : values) {
          String msgid = CommitTrailers.messageIdOf(v);
          if (msgid != null) {
            supersedes.add(msgid);
          }
        }
      }
    }
    Set<String> references = new LinkedHashSet<>();
    for (SeriesMail m : mails) {
      for (String ref : m.references()) {
        if (!msgids.contains(ref)) {
          references.add(ref);
        }
      }
    }
    supersedes.removeAll(msgids);
    return new SeriesRevision(id, first.submitter(), first.version(),
        date == null ? LocalDateTime.MIN : date, msgids, references, titles, changeIds, supersedes, topics, resend);
  }

  private static void find(Pattern p, String text, Set<String> into) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  /** The Message-IDs of the In-Reply-To and References headers of a stored header block. */
  public static List<String> references(String headers) {
    Set<String> refs = new LinkedHashSet<>();
    Matcher h = REF_HEADER.matcher(headers.replace("\r", ""));
    while (h.find()) {
      Matcher id = MSGID.matcher(h.group(1));
      while (id.find()) {
        refs.add(id.group());
      }
    }
    return List.copyOf(refs);
  }
}
