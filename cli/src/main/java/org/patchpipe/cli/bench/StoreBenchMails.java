package org.patchpipe.cli.bench;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Submitter;
import org.patchpipe.parser.Tags;

/**
 * Synthetic parsed mail for {@code patchpipe bench store}: a list's traffic shaped like a kernel
 * list's, already parsed, so the benchmark measures the store and not the parser. Series of one to
 * eight patches (those of two or more with a cover letter), about one review per patch with
 * Reviewed-by or Acked-by, a few hundred authors; texts of realistic size (headers ~1.5 KB, commit
 * message ~1 KB, diff ~3 KB). Deterministic for a seed.
 */
final class StoreBenchMails {
  private static final String HEADERS_PAD = "X-Mailer: git-send-email 2.43.0\n"
      + "Received: from mail.example.org (mail.example.org [192.0.2.1])\n\tby lists.example.org (Postfix) with ESMTPS\n";

  private final Random random;
  private final String listDomain;
  private LocalDateTime clock = LocalDateTime.of(2024, 1, 1, 0, 0);
  private int series;

  StoreBenchMails(long seed, String listDomain) {
    this.random = new Random(seed);
    this.listDomain = listDomain;
  }

  /** The next {@code count} mails, in arrival order. */
  List<ParsedMail> next(int count) {
    List<ParsedMail> mails = new ArrayList<>(count);
    while (mails.size() < count) {
      addSeries(mails);
    }
    return mails.subList(0, count);
  }

  private void addSeries(List<ParsedMail> mails) {
    int s = ++series;
    int total = 1 + random.nextInt(8);
    String author = "dev" + random.nextInt(300) + "@example.org";
    String cover = "<s" + s + "-0." + listDomain + ">";
    List<String> root = new ArrayList<>();
    if (total > 1) {
      mails.add(new ParsedMail.CoverLetter(envelope(cover, List.of(), "[PATCH 0/" + total + "] series " + s,
          author, 0, total), text("This series changes subsystem " + s + ".", 20)));
      root.add(cover);
    }
    for (int n = 1; n <= total; n++) {
      String msgid = "<s" + s + "-" + n + "." + listDomain + ">";
      String name = total == 1 ? "[PATCH] change " + s : "[PATCH " + n + "/" + total + "] part " + n + " of series " + s;
      mails.add(new ParsedMail.Patch(envelope(msgid, root, name, author, total == 1 ? null : n, total == 1 ? null : total),
          text("Commit message of " + msgid + ".", 15) + "\nSigned-off-by: Dev <" + author + ">\n",
          diff(s, n), String.format("%040x", (long) s * 1000 + n), null, Tags.NONE, null, null));
      if (random.nextInt(10) < 9) {
        String reviewer = "rev" + random.nextInt(50) + "@example.org";
        boolean acked = random.nextBoolean();
        List<String> refs = new ArrayList<>(List.of(msgid));
        refs.addAll(root);
        mails.add(new ParsedMail.Comment(envelope("<r" + s + "-" + n + "." + listDomain + ">", refs, "Re: " + name,
            reviewer, null, null), text("> quoted text", 8) + (acked ? "\nAcked-by: R <" : "\nReviewed-by: R <")
            + reviewer + ">\n", acked ? new Tags(1, 0, 0) : new Tags(0, 1, 0), false));
      }
    }
  }

  private Envelope envelope(String msgid, List<String> refs, String name, String email, Integer number, Integer total) {
    clock = clock.plusSeconds(30 + random.nextInt(60));
    String headers = "From: Someone <" + email + ">\nSubject: " + name + "\nMessage-ID: " + msgid + "\n"
        + HEADERS_PAD.repeat(8);
    boolean reply = name.startsWith("Re:");
    return new Envelope(msgid, refs, clock, new Submitter("Someone " + email, email), null, headers,
        new Subject(name, List.of(), reply, number, total, 1));
  }

  private static String text(String line, int times) {
    return (line + " Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n").repeat(times);
  }

  private static String diff(int s, int n) {
    StringBuilder d = new StringBuilder("diff --git a/drivers/s" + s + "/f" + n + ".c b/drivers/s" + s + "/f" + n + ".c\n"
        + "--- a/drivers/s" + s + "/f" + n + ".c\n+++ b/drivers/s" + s + "/f" + n + ".c\n@@ -1,40 +1,40 @@\n");
    for (int i = 0; i < 40; i++) {
      d.append(i % 7 == 0 ? "-\told_call(" + i + ");\n+\tnew_call(" + i + ");\n" : " \tcontext_line(" + i + ");\n");
    }
    return d.toString();
  }
}
