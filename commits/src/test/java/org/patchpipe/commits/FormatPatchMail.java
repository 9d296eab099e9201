package org.patchpipe.commits;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Renders a commit as the mail {@code git format-patch} + {@code git send-email} would send: headers,
 * the commit message body, a {@code ---} line, the diff and a signature. Test data only.
 */
final class FormatPatchMail {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private FormatPatchMail() {}

  static byte[] render(RevCommit commit, String diff, String msgid, String prefix, List<String> references) {
    String subject = "[" + prefix + "] " + commit.getShortMessage();
    String full = commit.getFullMessage();
    int blank = full.indexOf("\n\n");
    String body = blank < 0 ? "" : full.substring(blank + 2).stripTrailing() + "\n";
    StringBuilder mail = new StringBuilder()
        .append("From: ").append(commit.getAuthorIdent().getName()).append(" <")
        .append(commit.getAuthorIdent().getEmailAddress()).append(">\n")
        .append("Date: ").append(DATE.format(commit.getAuthorIdent().getWhenAsInstant().atOffset(ZoneOffset.UTC)))
        .append('\n')
        .append("Subject: ").append(subject).append('\n')
        .append("Message-Id: ").append(msgid).append('\n');
    if (!references.isEmpty()) {
      mail.append("In-Reply-To: ").append(references.get(references.size() - 1)).append('\n')
          .append("References: ").append(String.join(" ", references)).append('\n');
    }
    mail.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")
        .append("List-Id: <test.example.org>\n\n")
        .append(body).append(body.isEmpty() ? "" : "\n")
        .append("Signed-off-by: A U Thor <author@example.com>\n---\n")
        .append(diff)
        .append("-- \n2.39.5\n");
    return mail.toString().getBytes(StandardCharsets.UTF_8);
  }
}
