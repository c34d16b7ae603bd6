package onlinebench.gatling;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import onlinebench.openai.KeepAlive;
import org.jspecify.annotations.Nullable;

/**
 * Keeps Gatling's connection pool from reusing what the server is about to close. Gatling already
 * closes a connection after an answer that says {@code Connection: close} (gatling-http-client
 * {@code HttpAppHandler.channelReadHttpResponse}); this adds the {@code Keep-Alive} header's idle
 * {@code timeout} and request budget {@code max}, which it ignores. A closed channel is dropped by
 * the pool when next polled ({@code ChannelPool.poll} skips inactive channels).
 *
 * <p>Every method runs on the channel's own event loop, so its attributes need no locking.
 */
final class ConnectionReuse {
  private static final AttributeKey<int[]> EXCHANGES =
      AttributeKey.valueOf(ConnectionReuse.class, "exchanges");
  // the answer end that started the current idle spell; 0 while a request is on the connection
  private static final AttributeKey<long[]> IDLE_SINCE =
      AttributeKey.valueOf(ConnectionReuse.class, "idleSince");

  private ConnectionReuse() {}

  /**
   * A request is being written on {@code channel}.
   *
   * @return true when the connection already carried an earlier exchange (it came from the pool)
   */
  static boolean beginExchange(Channel channel) {
    int[] exchanges = valueOf(channel.attr(EXCHANGES), int[]::new);
    long[] idleSince = channel.attr(IDLE_SINCE).get();
    if (idleSince != null) {
      idleSince[0] = 0;
    }
    return exchanges[0]++ > 0;
  }

  /**
   * As {@link #answered(Channel, KeepAlive)} for an answer's raw {@code Keep-Alive} header; nothing
   * to do when the answer had none or no channel was written.
   */
  static void answered(@Nullable Channel channel, @Nullable String keepAliveHeader) {
    if (channel != null && keepAliveHeader != null) {
      answered(channel, KeepAlive.parse(keepAliveHeader));
    }
  }

  /**
   * The answer on {@code channel} is complete and the pool has the connection back: closes it now
   * when its request budget is spent, or once it has been idle for the server's reuse window.
   */
  static void answered(Channel channel, KeepAlive keepAlive) {
    int[] exchanges = channel.attr(EXCHANGES).get();
    if (exchanges != null && keepAlive.exhaustedAfter(exchanges[0])) {
      channel.close();
      return;
    }
    if (keepAlive.reuseWindowMillis().isEmpty()) {
      return;
    }
    long[] idleSince = valueOf(channel.attr(IDLE_SINCE), long[]::new);
    long stamp = System.nanoTime();
    idleSince[0] = stamp;
    long[] spell = idleSince;
    channel
        .eventLoop()
        .schedule(
            () -> {
              if (spell[0] == stamp) {
                channel.close();
              }
            },
            keepAlive.reuseWindowMillis().getAsInt(),
            TimeUnit.MILLISECONDS);
  }

  /** The attribute's one-element holder, made on first use (only the channel's loop touches it). */
  private static <T> T valueOf(Attribute<T> attribute, IntFunction<T> holder) {
    T value = attribute.get();
    if (value == null) {
      value = holder.apply(1);
      attribute.set(value);
    }
    return value;
  }
}
