package onlinebench.openai;

import io.netty.buffer.ByteBuf;

/**
 * Copies a response body out of Netty's buffers, which are released as soon as each callback
 * returns. Bounded, so a runaway body cannot exhaust the heap of a load generator.
 */
final class BodyBuffer {
  static final int MAX_BYTES = 64 * 1024 * 1024;

  private byte[] bytes = new byte[1024];
  private int length;
  private boolean overflowed;

  void append(ByteBuf chunk) {
    int n = chunk.readableBytes();
    if (overflowed || n == 0) {
      return;
    }
    if (length + n > MAX_BYTES) {
      overflowed = true;
      return;
    }
    if (length + n > bytes.length) {
      bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
    chunk.getBytes(chunk.readerIndex(), bytes, length, n);
    length += n;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  boolean overflowed() {
    return overflowed;
  }
}
