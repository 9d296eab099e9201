package org.patchpipe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds test mail and mbox files: small, real-looking patches with a List-Id. */
final class TestMails {
  static final String LIST_ID = "test.lists.example.org";

  private TestMails() {}

  static String mail(int i) {
    return "From: Dev " + i + " <dev" + i + "@example.org>\n"
        + "To: test@lists.example.org\n"
        + "List-Id: <" + LIST_ID + ">\n"
        + "Subject: [PATCH " + (i % 7 + 1) + "/7] fix thing " + i + "\n"
        + "Date: Thu, 2 May 2019 15:22:56 +0300\n"
        + "Message-ID: <" + i + "@example.org>\n"
        + "\n"
        + "Fix the thing.\n\nFrom here on it is quoted.\n\nSigned-off-by: Dev <dev@example.org>\n---\n"
        + "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n@@ -1 +1 @@\n-old " + i + "\n+new " + i + "\n";
  }

  /** An mboxrd of {@code count} mails, as public-inbox writes it. */
  static byte[] mboxrd(int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      String quoted = mail(i).replaceAll("(?m)^(>*From )", ">$1");
      out.writeBytes(("From mboxrd@z Thu Jan  1 00:00:00 1970\n" + quoted + "\n").getBytes(UTF_8));
    }
    return out.toByteArray();
  }

  static Path writeMbox(Path dir, String name, int count) throws IOException {
    Path file = dir.resolve(name);
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(mboxrd(count));
      }
    } else {
      Files.write(file, mboxrd(count));
    }
    return file;
  }
}
