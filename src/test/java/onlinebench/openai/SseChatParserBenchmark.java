package onlinebench.openai;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per content event when {@link SseChatParser} parses a whole realistic stream: role
 * chunk, {@value #CONTENT_EVENTS} content chunks, finish, usage, {@code [DONE]}. The rare chunks
 * (finish and usage go through Jackson) and the parser's creation are spread over the content
 * events, as they are in a real run.
 *
 * <p>Lives in test scope so it needs no extra source folder; surefire skips it (no {@code Test} in
 * its name). Run with {@code benchmarks/sse-parser-jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SseChatParserBenchmark {

  static final int CONTENT_EVENTS = 256;

  private byte[] stream;
  private int[] eventEnds;
  private ByteBuf direct;
  private final ChunkScanner scanner = new ChunkScanner();
  private final byte[] chunkJson = Chunks.content(" word").substring(6).trim().getBytes(UTF_8);
  private final CountingListener listener = new CountingListener();

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder body = new StringBuilder(Chunks.ROLE);
    for (int i = 0; i < CONTENT_EVENTS; i++) {
      body.append(Chunks.content(" word"));
    }
    body.append(Chunks.FINISH_LENGTH).append(Chunks.USAGE).append(Chunks.DONE);
    stream = body.toString().getBytes(UTF_8);
    eventEnds = eventEnds(stream);
    direct = Unpooled.directBuffer(stream.length).writeBytes(stream);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    direct.release();
  }

  /** The whole body in one read (a fast server, or a client that fell behind). */
  @Benchmark
  @OperationsPerInvocation(CONTENT_EVENTS)
  public long wholeStreamOneRead() {
    SseChatParser parser = new SseChatParser(listener);
    parser.feed(stream, 0, stream.length, 1);
    parser.endOfInput();
    return parser.tokenChunks();
  }

  /** One read per event, the common shape when the server writes each token as it is decoded. */
  @Benchmark
  @OperationsPerInvocation(CONTENT_EVENTS)
  public long oneReadPerEvent() {
    SseChatParser parser = new SseChatParser(listener);
    int start = 0;
    for (int end : eventEnds) {
      parser.feed(stream, start, end - start, end);
      start = end;
    }
    parser.endOfInput();
    return parser.tokenChunks();
  }

  /** The whole body in one direct Netty buffer, as Gatling's pooled allocator hands it over. */
  @Benchmark
  @OperationsPerInvocation(CONTENT_EVENTS)
  public long wholeStreamDirectByteBuf() {
    SseChatParser parser = new SseChatParser(listener);
    parser.feed(direct, 1);
    parser.endOfInput();
    return parser.tokenChunks();
  }

  /** The fast path alone on one typical content chunk's JSON: what classification costs. */
  @Benchmark
  public int scanOneChunk() {
    return scanner.scan(chunkJson, 0, chunkJson.length);
  }

  /** Offsets just past each event's blank line. */
  private static int[] eventEnds(byte[] body) {
    java.util.stream.IntStream.Builder ends = java.util.stream.IntStream.builder();
    for (int i = 1; i < body.length; i++) {
      if (body[i - 1] == '\n' && body[i] == '\n') {
        ends.add(i + 1);
      }
    }
    return ends.build().toArray();
  }

  /** Does the least a real listener would: keeps the last arrival time and a count. */
  static final class CountingListener implements ChatStreamListener {
    long lastArrivalNanos;
    long calls;

    @Override
    public void onTokenChunk(long arrivalNanos, boolean answer) {
      lastArrivalNanos = arrivalNanos;
      calls++;
    }

    @Override
    public void onUsage(long promptTokens, long completionTokens, long reasoningTokens) {
      calls++;
    }

    @Override
    public void onFinishReason(String reason) {
      calls++;
    }

    @Override
    public void onStreamError(String message) {
      calls++;
    }

    @Override
    public void onMalformedEvent(String detail) {
      calls++;
    }

    @Override
    public void onDone() {
      calls++;
    }

    @Override
    public void onIncompleteEvent(long discardedBytes) {
      calls++;
    }
  }
}
