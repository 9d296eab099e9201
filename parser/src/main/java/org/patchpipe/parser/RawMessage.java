package org.patchpipe.parser;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The exact bytes of one mail, as a source delivered it (no mbox {@code From } line, no mboxrd
 * quoting). Immutable: {@link #of(byte[])} copies its argument and {@link #bytes()} returns a copy;
 * the parser reads through {@link #byteAt(int)}, {@link #size()} and {@link #openStream()} without
 * copying.
 */
public final class RawMessage {
  private final byte[] bytes;

  private RawMessage(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A message holding a copy of {@code bytes}. */
  public static RawMessage of(byte[] bytes) {
    return new RawMessage(bytes.clone());
  }

  /** A message holding a copy of {@code bytes[offset, offset+length)}. */
  public static RawMessage of(byte[] bytes, int offset, int length) {
    return new RawMessage(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  public int size() {
    return bytes.length;
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** The bytes themselves, for the parser in this package, which never writes to them. */
  byte[] array() {
    return bytes;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Reads the bytes without copying them. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** Copies {@code length} bytes from {@code offset} into {@code dst} at {@code dstOffset}. */
  public void copyTo(int offset, byte[] dst, int dstOffset, int length) {
    System.arraycopy(bytes, offset, dst, dstOffset, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawMessage other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RawMessage[" + bytes.length + " bytes]";
  }
}
