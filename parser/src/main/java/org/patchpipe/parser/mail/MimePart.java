package org.patchpipe.parser.mail;

import java.util.Locale;

/**
 * One entity of the MIME walk (R0.1): the message itself, a multipart container, a nested
 * {@code message/*} or a leaf part. Knows its content type, charset parameter and where its body
 * lies in the mail's bytes; {@link #payload()} decodes the transfer encoding. Immutable.
 */
public final class MimePart {
  private final MailHeaders headers;
  private final String maintype;
  private final String subtype;
  private final String charset;
  private final boolean container;
  private final byte[] source;
  private final int bodyStart;
  private final int bodyEnd;

  MimePart(
      MailHeaders headers,
      String contentType,
      boolean container,
      byte[] source,
      int bodyStart,
      int bodyEnd) {
    this.headers = headers;
    int slash = contentType.indexOf('/');
    this.maintype = contentType.substring(0, slash);
    this.subtype = contentType.substring(slash + 1);
    this.charset = ContentType.charset(headers.first("Content-Type"));
    this.container = container;
    this.source = source;
    this.bodyStart = bodyStart;
    this.bodyEnd = bodyEnd;
  }

  public MailHeaders headers() {
    return headers;
  }

  /** Lowercased maintype, {@code text} where Content-Type is missing or invalid. */
  public String maintype() {
    return maintype;
  }

  /** Lowercased subtype. */
  public String subtype() {
    return subtype;
  }

  /** The lowercased {@code charset} parameter, or null where there is none. */
  public String charset() {
    return charset;
  }

  /** Whether this entity holds other entities (multipart with a boundary, message/*). */
  public boolean container() {
    return container;
  }

  /** Length of the raw (still transfer-encoded) body. */
  public int rawLength() {
    return bodyEnd - bodyStart;
  }

  /**
   * The body decoded strictly with {@code codec}, or empty where it fails; avoids copying bodies
   * that have no transfer encoding to undo.
   */
  public java.util.Optional<String> text(PythonCharsets.Codec codec) {
    String cte = cte();
    if (!TransferEncoding.transforms(cte)) {
      return codec.decode(source, bodyStart, bodyEnd - bodyStart);
    }
    return codec.decode(TransferEncoding.decode(cte, source, bodyStart, bodyEnd - bodyStart));
  }

  private String cte() {
    MailHeader cteHeader = headers.first("Content-Transfer-Encoding");
    return cteHeader == null ? "" : cteHeader.text().toLowerCase(Locale.ROOT);
  }

  /** The body with its Content-Transfer-Encoding undone (R0.1). */
  public byte[] payload() {
    return TransferEncoding.decode(cte(), source, bodyStart, bodyEnd - bodyStart);
  }

  /** This part with one trailing CRLF, CR or LF removed: it belongs to the next boundary. */
  MimePart withoutFinalNewline() {
    int e = bodyEnd;
    if (e > bodyStart && source[e - 1] == '\n') {
      e--;
      if (e > bodyStart && source[e - 1] == '\r') {
        e--;
      }
    } else if (e > bodyStart && source[e - 1] == '\r') {
      e--;
    }
    return new MimePart(this, e);
  }

  private MimePart(MimePart p, int bodyEnd) {
    this.headers = p.headers;
    this.maintype = p.maintype;
    this.subtype = p.subtype;
    this.charset = p.charset;
    this.container = p.container;
    this.source = p.source;
    this.bodyStart = p.bodyStart;
    this.bodyEnd = bodyEnd;
  }

  @Override
  public String toString() {
    return "MimePart[" + maintype + "/" + subtype + ", " + rawLength() + " bytes]";
  }
}
