package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import onlinebench.openai.KeepAlive;
import org.junit.jupiter.api.Test;

class ConnectionReuseTest {
  @Test
  void aConnectionIsReusedFromItsSecondExchangeOn() {
    EmbeddedChannel channel = new EmbeddedChannel();
    assertThat(ConnectionReuse.beginExchange(channel)).as("first request").isFalse();
    assertThat(ConnectionReuse.beginExchange(channel)).as("second request").isTrue();
    assertThat(ConnectionReuse.beginExchange(new EmbeddedChannel())).as("another one").isFalse();
  }

  @Test
  void closesAConnectionOnceItHasCarriedMaxRequests() {
    EmbeddedChannel channel = new EmbeddedChannel();
    KeepAlive twoAtMost = KeepAlive.parse("max=2");
    ConnectionReuse.beginExchange(channel);
    ConnectionReuse.answered(channel, twoAtMost);
    assertThat(channel.isOpen()).as("after the first answer").isTrue();
    ConnectionReuse.beginExchange(channel);
    ConnectionReuse.answered(channel, twoAtMost);
    assertThat(channel.isOpen()).as("after the second answer").isFalse();
  }

  @Test
  void closesAConnectionLeftIdleUntilJustBeforeTheServersTimeout() {
    EmbeddedChannel channel = new EmbeddedChannel();
    ConnectionReuse.beginExchange(channel);
    ConnectionReuse.answered(channel, KeepAlive.parse("timeout=5, max=100"));

    channel.advanceTimeBy(3_900, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).as("idle 3.9 s of a 5 s timeout").isTrue();
    channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).as("idle 4.1 s of a 5 s timeout").isFalse();
  }

  @Test
  void aConnectionInUseIsNotClosedByAnEarlierIdleSpell() {
    EmbeddedChannel channel = new EmbeddedChannel();
    KeepAlive fiveSeconds = KeepAlive.parse("timeout=5");
    ConnectionReuse.beginExchange(channel);
    ConnectionReuse.answered(channel, fiveSeconds);
    channel.advanceTimeBy(1_000, TimeUnit.MILLISECONDS);
    ConnectionReuse.beginExchange(channel);

    channel.advanceTimeBy(10_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).as("busy since before the first spell ran out").isTrue();
  }
}
