package onlinebench.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental parser for an OpenAI chat-completions stream ({@code stream: true}), fed the raw
 * response body as it arrives and reporting to a {@link ChatStreamListener}. The legacy completions
 * stream is read the same way: its chunks carry {@code choices[].text} where chat chunks carry
 * {@code choices[].delta.content}, and count as token chunks alike.
 *
 * <p>Framing follows the WHATWG server-sent events specification on bytes: LF, CRLF or lone CR line
 * ends, {@code :} comment lines and {@code event:}/{@code id:}/{@code retry:} fields ignored,
 * {@code data:} lines joined with LF, one optional space after the colon, one optional UTF-8 BOM at
 * the very start, and an event dispatched on a blank line. Reads may split events anywhere.
 *
 * <p>Each event's data is classified by {@link ChunkScanner} in one allocation-free pass; only the
 * events it is unsure about (usage, finish, error, invalid) are read with Jackson's streaming
 * parser. An event whose data grows beyond the size limit is dropped and reported as malformed, so
 * a broken server cannot make the parser buffer without bound.
 *
 * <p>One instance per response; not thread-safe (it runs on the connection's event loop).
 */
public final class SseChatParser {

  /** Largest event data accepted by default; beyond it the event is reported as malformed. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

  private static final int DETAIL_CHARS = 200;
  private static final int INITIAL_DATA_BYTES = 1024;
  private static final int KEPT_DATA_BYTES = 64 * 1024;
  private static final int SCRATCH_BYTES = 8 * 1024;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] DATA_FIELD = {'d', 'a', 't', 'a'};
  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};
  private static final byte[] LINE_FEED = {'\n'};
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
  private static final long CR_BYTES = 0x0D0D0D0D0D0D0D0DL;

  // Where the next byte falls within the current line.
  private static final int LINE_START = 0;
  private static final int FIELD_NAME = 1;
  private static final int DATA_VALUE_START = 2;
  private static final int DATA_VALUE = 3;
  private static final int IGNORED_LINE = 4;

  private final ChatStreamListener listener;
  private final int maxEventBytes;
  private final boolean readsAnswers;
  private final ChunkScanner scanner = new ChunkScanner();

  private int state = LINE_START;
  private boolean skipLineFeed; // the previous line ended with CR: a following LF belongs to it
  private int bomBytesSeen; // 0..3; 3 or -1 once the start of the stream is behind us
  private int fieldNameMatched; // bytes of "data" matched so far in the field name, -1 on mismatch

  private byte[] data = new byte[INITIAL_DATA_BYTES];
  private int dataLength;
  private int dataLines;
  private boolean dataOverflow;

  private long bytesFed;
  private long eventStartOffset; // bytesFed at the last blank line: what a cut would discard
  private boolean ended;
  private boolean sawDone;
  private long tokenChunks;
  private byte[] scratch;

  /** Creates a parser that reports to {@code listener}, with the default 16 MiB event limit. */
  public SseChatParser(ChatStreamListener listener) {
    this(listener, DEFAULT_MAX_EVENT_BYTES);
  }

  /**
   * Creates a parser that reports events with more than {@code maxEventBytes} of data as malformed.
   */
  public SseChatParser(ChatStreamListener listener, int maxEventBytes) {
    this(listener, maxEventBytes, false);
  }

  /**
   * A parser that also hands every chunk's answer text to {@link
   * ChatStreamListener#onAnswerText(String)}, for scenarios that keep the answer. Every chunk is
   * then read with Jackson rather than {@link ChunkScanner}'s allocation-free pass; the events
   * reported, and so every figure, are the same.
   */
  public static SseChatParser readingAnswers(ChatStreamListener listener) {
    return new SseChatParser(listener, DEFAULT_MAX_EVENT_BYTES, true);
  }

  private SseChatParser(ChatStreamListener listener, int maxEventBytes, boolean readsAnswers) {
    this.readsAnswers = readsAnswers;
    this.listener = Objects.requireNonNull(listener, "listener");
    if (maxEventBytes < 1) {
      throw new IllegalArgumentException("maxEventBytes must be >= 1, got " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Feeds the next bytes of the body (its readable bytes); every event they complete is reported
   * with {@code arrivalNanos}. Neither retains {@code buf} nor changes its indices, so the caller
   * may release it as soon as this returns.
   */
  public void feed(ByteBuf buf, long arrivalNanos) {
    int index = buf.readerIndex();
    int remaining = buf.readableBytes();
    if (buf.hasArray()) {
      feed(buf.array(), buf.arrayOffset() + index, remaining, arrivalNanos);
      return;
    }
    // Direct or composite buffer: a bulk copy into a reused array, then the same tight loop.
    if (scratch == null) {
      scratch = new byte[SCRATCH_BYTES];
    }
    while (remaining > 0) {
      int n = Math.min(remaining, scratch.length);
      buf.getBytes(index, scratch, 0, n);
      feed(scratch, 0, n, arrivalNanos);
      index += n;
      remaining -= n;
    }
  }

  /**
   * Feeds {@code bytes[offset, offset + length)}, the next bytes of the body; every event they
   * complete is reported with {@code arrivalNanos}. Bad data is reported to the listener, never
   * thrown.
   *
   * @throws IllegalStateException after {@link #endOfInput()}
   */
  public void feed(byte[] bytes, int offset, int length, long arrivalNanos) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (ended) {
      throw new IllegalStateException("feed() after endOfInput()");
    }
    if (bomBytesSeen >= 0 && bomBytesSeen < BOM.length) {
      int skipped = skipBom(bytes, offset, length, arrivalNanos);
      offset += skipped;
      length -= skipped;
    }
    long fedBefore = bytesFed;
    bytesFed += length;
    scan(bytes, offset, offset + length, arrivalNanos, fedBefore - offset);
  }

  /**
   * Marks the end of the body. An unfinished event is discarded, as the SSE specification says, and
   * reported through {@link ChatStreamListener#onIncompleteEvent(long)}.
   */
  public void endOfInput() {
    if (ended) {
      return;
    }
    if (bomBytesSeen > 0 && bomBytesSeen < BOM.length) {
      int partial = bomBytesSeen; // a cut-off BOM prefix is not a BOM: it is content
      bomBytesSeen = -1;
      bytesFed += partial;
      scan(BOM, 0, partial, 0, bytesFed - partial);
    }
    ended = true;
    if (state != LINE_START || dataLines > 0) {
      listener.onIncompleteEvent(bytesFed - eventStartOffset);
    }
    resetEvent();
  }

  /** Whether a {@code data: [DONE]} event has been seen. */
  public boolean sawDone() {
    return sawDone;
  }

  /** How many events so far carried text in at least one choice. */
  public long tokenChunks() {
    return tokenChunks;
  }

  /** Consumes the optional BOM at the very start; returns how many bytes of this read it took. */
  private int skipBom(byte[] bytes, int offset, int length, long arrivalNanos) {
    int i = 0;
    while (i < length && bomBytesSeen < BOM.length) {
      if (bytes[offset + i] != BOM[bomBytesSeen]) {
        int partial = bomBytesSeen; // not a BOM after all: the bytes taken so far are content
        bomBytesSeen = -1;
        bytesFed += partial;
        scan(BOM, 0, partial, arrivalNanos, bytesFed - partial);
        return i;
      }
      bomBytesSeen++;
      i++;
    }
    return i;
  }

  /**
   * The framing loop over {@code bytes[from, to)}. {@code streamOffsetBase + index} is a byte's
   * position in the body (without BOM), used only to size what a cut discards.
   */
  private void scan(byte[] bytes, int from, int to, long arrivalNanos, long streamOffsetBase) {
    int i = from;
    while (i < to) {
      if (skipLineFeed) {
        skipLineFeed = false;
        if (bytes[i] == '\n') {
          i++;
          continue;
        }
      }
      switch (state) {
        case LINE_START -> {
          byte c = bytes[i];
          if (c == '\n' || c == '\r') {
            i++;
            skipLineFeed = c == '\r';
            eventStartOffset = streamOffsetBase + i;
            dispatch(arrivalNanos);
          } else if (c == ':') {
            i++;
            state = IGNORED_LINE; // a comment, e.g. ": ping" keep-alives
          } else {
            fieldNameMatched = 0;
            state = FIELD_NAME;
          }
        }
        case FIELD_NAME -> i = fieldName(bytes, i, to);
        case DATA_VALUE_START -> {
          if (bytes[i] == ' ') {
            i++;
          }
          state = DATA_VALUE;
        }
        case DATA_VALUE -> {
          int lineEnd = lineEnd(bytes, i, to);
          appendData(bytes, i, lineEnd - i);
          i = lineEnd < to ? endLine(bytes[lineEnd], lineEnd) : to;
        }
        default -> { // IGNORED_LINE
          int lineEnd = lineEnd(bytes, i, to);
          i = lineEnd < to ? endLine(bytes[lineEnd], lineEnd) : to;
        }
      }
    }
  }

  private int fieldName(byte[] bytes, int i, int to) {
    for (; i < to; i++) {
      byte c = bytes[i];
      if (c == ':') {
        state = fieldNameMatched == DATA_FIELD.length ? DATA_VALUE_START : IGNORED_LINE;
        if (state == DATA_VALUE_START) {
          startDataLine();
        }
        return i + 1;
      }
      if (c == '\n' || c == '\r') {
        if (fieldNameMatched == DATA_FIELD.length) {
          startDataLine(); // a bare "data" line: a field with an empty value
        }
        return endLine(c, i);
      }
      fieldNameMatched =
          fieldNameMatched >= 0
                  && fieldNameMatched < DATA_FIELD.length
                  && c == DATA_FIELD[fieldNameMatched]
              ? fieldNameMatched + 1
              : -1;
    }
    return i;
  }

  /** Index of the first CR or LF in {@code bytes[i, to)}, or {@code to}; eight bytes per step. */
  private static int lineEnd(byte[] bytes, int i, int to) {
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long found = zeroBytes(word ^ LF_BYTES) | zeroBytes(word ^ CR_BYTES);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte c = bytes[i];
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return to;
  }

  /**
   * High bit set in the lowest zero byte of {@code word} (bytes above it may be false positives, so
   * only the lowest set bit is meaningful); zero when no byte is zero.
   */
  private static long zeroBytes(long word) {
    return (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
  }

  /** Ends the line at {@code bytes[index] == terminator}; returns the index after it. */
  private int endLine(byte terminator, int index) {
    skipLineFeed = terminator == '\r';
    state = LINE_START;
    return index + 1;
  }

  private void startDataLine() {
    if (dataLines > 0) {
      appendData(LINE_FEED, 0, 1);
    }
    dataLines++;
  }

  private void appendData(byte[] bytes, int from, int length) {
    if (length == 0 || dataOverflow) {
      return;
    }
    int needed = dataLength + length;
    if (needed > maxEventBytes) {
      dataOverflow = true; // keep framing, stop buffering; reported when the event ends
      return;
    }
    if (needed > data.length) {
      data = Arrays.copyOf(data, (int) Math.min(Math.max(needed, 2L * data.length), maxEventBytes));
    }
    System.arraycopy(bytes, from, data, dataLength, length);
    dataLength = needed;
  }

  private void dispatch(long arrivalNanos) {
    if (dataLines == 0) {
      return; // a blank line with no data: no event (spec), e.g. after "event: ping"
    }
    try {
      if (dataOverflow) {
        listener.onMalformedEvent(
            "event data exceeds " + maxEventBytes + " bytes; the event was discarded");
      } else if (isDone()) {
        sawDone = true;
        listener.onDone();
      } else {
        classify(arrivalNanos);
      }
    } finally {
      resetEvent();
    }
  }

  private void classify(long arrivalNanos) {
    if (readsAnswers) {
      readWithJackson(arrivalNanos); // the scanner finds text but does not decode it
      return;
    }
    switch (scanner.scan(data, 0, dataLength)) {
      case ChunkScanner.ANSWER -> {
        tokenChunks++;
        listener.onTokenChunk(arrivalNanos, true);
      }
      case ChunkScanner.REASONING -> {
        tokenChunks++;
        listener.onTokenChunk(arrivalNanos, false);
      }
      case ChunkScanner.NO_TEXT -> {}
      default -> readWithJackson(arrivalNanos);
    }
  }

  private void readWithJackson(long arrivalNanos) {
    ChunkJsonReader.Chunk chunk;
    try {
      chunk = ChunkJsonReader.read(data, 0, dataLength, readsAnswers);
    } catch (IOException e) {
      String reason =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
      // Jackson appends where the object began, with a redacted source: noise for the user
      int noise = reason.indexOf(" (start marker at ");
      reason = noise < 0 ? reason : reason.substring(0, noise);
      listener.onMalformedEvent(
          truncate("invalid chunk JSON (" + reason + "), data: " + dataText()));
      return;
    }
    if (chunk.hasError()) {
      listener.onStreamError(
          chunk.errorMessage() != null ? chunk.errorMessage() : truncate(dataText()));
      return;
    }
    if (chunk.carriesText()) {
      tokenChunks++;
      listener.onTokenChunk(arrivalNanos, chunk.carriesAnswer());
      if (chunk.answerText() != null) {
        listener.onAnswerText(chunk.answerText());
      }
    }
    // a call's first piece may hold only its id, which is no token but still part of the call
    for (ToolCallDelta piece : chunk.toolCallPieces()) {
      listener.onToolCallPiece(piece);
    }
    for (String reason : chunk.finishReasons()) {
      listener.onFinishReason(reason);
    }
    if (chunk.hasUsage()) {
      listener.onUsage(chunk.promptTokens(), chunk.completionTokens(), chunk.reasoningTokens());
      if (chunk.cachedTokens() >= 0) {
        listener.onCachedTokens(chunk.cachedTokens());
      }
    }
  }

  /** Whether the data is {@code [DONE]}, ignoring surrounding JSON whitespace. */
  private boolean isDone() {
    int from = 0;
    int to = dataLength;
    while (from < to && isWhitespace(data[from])) {
      from++;
    }
    while (to > from && isWhitespace(data[to - 1])) {
      to--;
    }
    return Arrays.equals(data, from, to, DONE, 0, DONE.length);
  }

  private static boolean isWhitespace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private String dataText() {
    return new String(data, 0, Math.min(dataLength, 4 * DETAIL_CHARS), StandardCharsets.UTF_8);
  }

  private static String truncate(String s) {
    return s.length() <= DETAIL_CHARS ? s : s.substring(0, DETAIL_CHARS - 3) + "...";
  }

  private void resetEvent() {
    dataLength = 0;
    dataLines = 0;
    dataOverflow = false;
    if (data.length > KEPT_DATA_BYTES) {
      data = new byte[INITIAL_DATA_BYTES]; // one huge event must not pin megabytes per stream
    }
  }
}
