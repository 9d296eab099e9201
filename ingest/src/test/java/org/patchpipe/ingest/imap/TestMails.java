package org.patchpipe.ingest.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small, distinct mails for the IMAP tests: patch-like, each with its own Message-ID. */
final class TestMails {
  private TestMails() {}

  static String messageId(String tag, int n) {
    return "<" + tag + "." + n + "@patchpipe.test>";
  }

  /** Mail number {@code n} of a series tagged {@code tag}, about {@code bodyLines} lines long. */
  static byte[] mail(String tag, int n, int bodyLines) {
    return mail(tag, n, bodyLines, messageId(tag, n));
  }

  /**
   * As {@link #mail(String, int, int)} with {@code messageIdValue} as the raw Message-ID header
   * value (encoded, over-long, anything), or no Message-ID header at all where it is null.
   */
  static byte[] mail(String tag, int n, int bodyLines, String messageIdValue) {
    StringBuilder m = new StringBuilder();
    m.append("From: Test Author <author@example.org>\r\n");
    m.append("To: list@example.org\r\n");
    m.append("Subject: [PATCH ").append(n).append("] ").append(tag).append(": change ").append(n).append("\r\n");
    m.append("Date: Fri, 27 Nov 2026 03:00:00 +0000\r\n");
    if (messageIdValue != null) m.append("Message-ID: ").append(messageIdValue).append("\r\n");
    m.append("List-Id: <list.example.org>\r\n");
    m.append("MIME-Version: 1.0\r\n");
    m.append("Content-Type: text/plain; charset=UTF-8\r\n");
    m.append("\r\n");
    m.append("Change ").append(n).append(".\r\n\r\n---\r\n");
    m.append("diff --git a/f").append(n).append(".c b/f").append(n).append(".c\r\n");
    m.append("--- a/f").append(n).append(".c\r\n+++ b/f").append(n).append(".c\r\n");
    m.append("@@ -1,").append(bodyLines).append(" +1,").append(bodyLines).append(" @@\r\n");
    for (int i = 0; i < bodyLines; i++) m.append(" line ").append(i).append(" of file ").append(n).append("\r\n");
    return m.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<byte[]> mails(String tag, int from, int count, int bodyLines) {
    List<byte[]> mails = new ArrayList<>();
    for (int i = from; i < from + count; i++) mails.add(mail(tag, i, bodyLines));
    return mails;
  }
}
