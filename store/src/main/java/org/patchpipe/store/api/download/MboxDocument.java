package org.patchpipe.store.api.download;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpipe.store.db.Submission;

/**
 * Patchwork's mbox of one patch or cover letter ({@code patch_to_mbox}, R12.9), as the text
 * Python's compat32 generator writes: the {@code From patchwork <ctime>} line, Patchwork's MIME and
 * {@code X-Patchwork-*} headers, the stored headers, a blank line, then the body (commit message,
 * the tag lines of every comment, the postscript after {@code ---}, the diff). Stateless.
 */
public final class MboxDocument {
  private static final Pattern POSTSCRIPT = Pattern.compile("^-{2,3} ?$", Pattern.MULTILINE | Pattern.UNIX_LINES);
  private static final Pattern RESPONSE = Pattern.compile(
      "^(Tested|Reviewed|Acked|Signed-off|Nacked|Reported)-by:.*$",
      Pattern.MULTILINE | Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES);
  private static final Pattern SPECIALS = Pattern.compile("[\\]\\[\\\\()<>@,:;\".]");
  private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.ROOT);
  private static final DateTimeFormatter RFC2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss '-0000'", Locale.ROOT);

  private MboxDocument() {}

  public static String render(Submission s) {
    String body = body(s);
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(body);
    String submitter = formatAddress(s.submitterName(), s.submitterEmail());
    StringBuilder out = new StringBuilder();
    out.append("From patchwork ").append(CTIME.format(s.date())).append('\n');
    header(out, "Content-Type", "text/plain; charset=\"utf-8\"");
    header(out, "MIME-Version", "1.0");
    header(out, "Content-Transfer-Encoding", ascii ? "7bit" : "8bit");
    header(out, "X-Patchwork-Submitter", submitter);
    header(out, "X-Patchwork-Id", Long.toString(s.id()));
    if (s.delegateEmail() != null) {
      header(out, "X-Patchwork-Delegate", s.delegateEmail());
    }
    boolean hasDate = false;
    for (StoredHeaders.Item item : StoredHeaders.parse(s.headers())) {
      String name = item.name();
      String value = item.value();
      if (name.equals("Content-Type") || name.equals("Content-Transfer-Encoding")) {
        continue;
      }
      if (name.equals("From") && s.listEmail().equals(FromHeader.email(value))) {
        // DMARC munging: the list sent it "via" itself; git am must see the real author.
        header(out, "X-Patchwork-Original-From", value);
        value = submitter;
      }
      hasDate |= name.equalsIgnoreCase("Date");
      header(out, name, value);
    }
    if (!hasDate) {
      header(out, "Date", RFC2822.format(s.date()));
    }
    out.append('\n');
    out.append(body.replace("\r\n", "\n").replace('\r', '\n'));
    return out.toString();
  }

  /** The body: message, comment tags, postscript, diff (R12.9). */
  static String body(Submission s) {
    String body = s.content() == null || s.content().isEmpty() ? "" : s.content().strip() + "\n";
    String postscript = "";
    Matcher m = POSTSCRIPT.matcher(body);
    if (m.find()) {
      postscript = body.substring(m.end()).stripTrailing();
      body = body.substring(0, m.start()).strip() + "\n";
    }
    StringBuilder out = new StringBuilder(body);
    for (String comment : s.commentContents()) {
      if (comment == null || comment.isEmpty()) {
        continue;
      }
      Matcher r = RESPONSE.matcher(comment);
      while (r.find()) {
        out.append(r.group()).append('\n');
      }
    }
    if (!postscript.isEmpty()) {
      out.append("---").append(postscript).append('\n');
    }
    if (s.diff() != null && !s.diff().isEmpty()) {
      out.append('\n').append(s.diff());
    }
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String value) {
    out.append(name).append(": ").append(value).append('\n');
  }

  /** Python's {@code email.utils.formataddr} with the utf-8 charset. */
  static String formatAddress(String name, String email) {
    if (name == null || name.isEmpty()) {
      return email;
    }
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
      return encodeWord(name) + " <" + email + ">";
    }
    String quotes = SPECIALS.matcher(name).find() ? "\"" : "";
    String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
    return quotes + escaped + quotes + " <" + email + ">";
  }

  /** {@code Charset('utf-8').header_encode}: one encoded word, base64 when strictly shorter. */
  static String encodeWord(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder q = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-!*+/".indexOf(c) >= 0) {
        q.append((char) c);
      } else if (c == ' ') {
        q.append('_');
      } else {
        q.append(String.format(Locale.ROOT, "=%02X", c));
      }
    }
    int base64Length = (bytes.length / 3) * 4 + (bytes.length % 3 == 0 ? 0 : 4);
    if (base64Length < q.length()) {
      return "=?utf-8?b?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }
    return "=?utf-8?q?" + q + "?=";
  }

  /** The unix-from date as Python's {@code ctime()} writes it ({@code Mon May  6 13:16:20 2019}). */
  static String ctime(LocalDateTime date) {
    return CTIME.format(date);
  }
}
