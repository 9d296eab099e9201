package org.patchpipe.parser.mail;

/**
 * One piece of a header value after RFC 2047 chunking (R0.3 steps 1-3): its text and the charset
 * label it came in ({@code us-ascii} for plain text, a lowercased label such as {@code utf-8} or
 * {@code iso-8859-1} for a decoded encoded word, {@code unknown-8bit} for raw 8-bit bytes). For
 * {@code unknown-8bit} the text carries each byte >= 0x80 as the lone surrogate U+DC80..U+DCFF,
 * as Python's {@code surrogateescape} does, so the bytes can be re-encoded exactly.
 */
public record HeaderChunk(String text, String charset) {}
