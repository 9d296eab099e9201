package org.patchpipe.cli.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Raw mail for {@code bench soak}, as a list would carry it: series of one to three patches, those
 * of two or more under a cover letter, each patch answered by a review. Every Message-ID carries
 * the generator's tag and a series number, so two generators with different tags never collide
 * and the store must keep every mail once. Each {@link Batch} says how many mails of each kind it
 * holds, which is what the soak's final check expects the store to have kept.
 */
final class SoakMails {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private final String tag;
  private final String listId;
  private final Random random;
  private ZonedDateTime clock = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private int series;

  SoakMails(String tag, String listId, long seed) {
    this.tag = tag;
    this.listId = listId;
    this.random = new Random(seed);
  }

  /** Mails in arrival order (every reply after its parent), with how many are of each kind. */
  record Batch(List<byte[]> mails, int patches, int covers, int comments) {
    Batch plus(Batch o) {
      List<byte[]> all = new ArrayList<>(mails);
      all.addAll(o.mails);
      return new Batch(all, patches + o.patches, covers + o.covers, comments + o.comments);
    }
  }

  /** Whole series until at least {@code atLeast} mails; {@code crlf} for IMAP, LF for an mbox. */
  Batch next(int atLeast, boolean crlf) {
    Batch batch = new Batch(List.of(), 0, 0, 0);
    while (batch.mails().size() < atLeast) {
      batch = batch.plus(series(crlf));
    }
    return batch;
  }

  private Batch series(boolean crlf) {
    int s = ++series;
    int total = 1 + random.nextInt(3);
    String author = "dev" + random.nextInt(40) + "@example.org";
    List<byte[]> mails = new ArrayList<>();
    String cover = null;
    if (total > 1) {
      cover = id(s, 0, "c");
      mails.add(mail(crlf, author, cover, null, "[PATCH 0/" + total + "] " + tag + " series " + s,
          "This series changes the " + tag + " subsystem, part " + s + ".\n"));
    }
    for (int n = 1; n <= total; n++) {
      String msgid = id(s, n, "p");
      String subject = total == 1 ? "[PATCH] " + tag + ": change " + s
          : "[PATCH " + n + "/" + total + "] " + tag + ": part " + n + " of series " + s;
      mails.add(mail(crlf, author, msgid, cover, subject, patchBody(s, n, author)));
      String reviewer = "rev" + random.nextInt(10) + "@example.org";
      mails.add(mail(crlf, reviewer, id(s, n, "r"), msgid, "Re: " + subject,
          "> Change " + n + ".\n\nLooks good.\n\nReviewed-by: Reviewer <" + reviewer + ">\n"));
    }
    return new Batch(mails, total, cover == null ? 0 : 1, total);
  }

  private String id(int s, int n, String kind) {
    return "<soak-" + tag + "-" + s + "-" + n + kind + "@patchpipe.bench>";
  }

  private byte[] mail(boolean crlf, String from, String msgid, String parent, String subject, String body) {
    clock = clock.plusSeconds(1 + random.nextInt(90));
    StringBuilder m = new StringBuilder();
    m.append("From: Soak <").append(from).append(">\n");
    m.append("To: soak@example.org\n");
    m.append("Subject: ").append(subject).append('\n');
    m.append("Date: ").append(DATE.format(clock)).append('\n');
    m.append("Message-ID: ").append(msgid).append('\n');
    if (parent != null) {
      m.append("In-Reply-To: ").append(parent).append('\n');
      m.append("References: ").append(parent).append('\n');
    }
    m.append("List-Id: <").append(listId).append(">\n");
    m.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n");
    m.append(body);
    String text = m.toString();
    return (crlf ? text.replace("\n", "\r\n") : text).getBytes(UTF_8);
  }

  private static String patchBody(int s, int n, String author) {
    StringBuilder b = new StringBuilder("Change " + n + " of series " + s + ".\n\nSigned-off-by: Soak <" + author
        + ">\n---\ndiff --git a/drivers/s" + s + "/f" + n + ".c b/drivers/s" + s + "/f" + n + ".c\n"
        + "--- a/drivers/s" + s + "/f" + n + ".c\n+++ b/drivers/s" + s + "/f" + n + ".c\n@@ -1,20 +1,20 @@\n");
    for (int i = 0; i < 20; i++) {
      b.append(i % 7 == 0 ? "-\told_call(" + i + ");\n+\tnew_call(" + i + ");\n" : " \tcontext_line(" + i + ");\n");
    }
    return b.toString();
  }
}
