package org.patchpipe.parser;

/**
 * Bounds that keep hostile mail from exhausting memory or time. Immutable.
 *
 * @param maxMessageBytes larger mail is {@link ParsedMail.Unparseable}
 * @param maxHeaderCount headers past this count are ignored
 * @param maxMimeDepth MIME nesting past this depth is not walked
 */
public record ParserLimits(long maxMessageBytes, int maxHeaderCount, int maxMimeDepth) {
  public static final ParserLimits DEFAULT = new ParserLimits(64L << 20, 10_000, 32);

  public ParserLimits {
    if (maxMessageBytes <= 0) throw new IllegalArgumentException("maxMessageBytes must be > 0");
    if (maxHeaderCount <= 0) throw new IllegalArgumentException("maxHeaderCount must be > 0");
    if (maxMimeDepth <= 0) throw new IllegalArgumentException("maxMimeDepth must be > 0");
  }
}
