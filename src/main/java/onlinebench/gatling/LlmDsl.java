package onlinebench.gatling;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import onlinebench.load.MeasuredLoad;
import onlinebench.load.RampUpStarts;
import onlinebench.load.StopSignal;

/**
 * Entry point of our Gatling DSL for LLM requests, in the style of Gatling's {@code HttpDsl}: one
 * static import gives the {@link #llm()} protocol, the {@link #chat(String)} action and the legacy
 * {@link #completion(String)}.
 *
 * <pre>{@code
 * import static onlinebench.gatling.LlmDsl.*;
 *
 * LlmProtocolBuilder llm = llm().baseUrl("http://127.0.0.1:8000/v1").model("m").maxTokens(128);
 * ScenarioBuilder scn = scenario("chat").exec(chat("ask").userMessage("#{question}").stream());
 * setUp(scn.injectOpen(atOnceUsers(1))).protocols(llm);
 * }</pre>
 */
public final class LlmDsl {
  private LlmDsl() {}

  /** The {@code llm} protocol with its defaults: see {@link LlmProtocolBuilder}. */
  public static LlmProtocolBuilder llm() {
    return LlmProtocolBuilder.defaults();
  }

  /**
   * A chat completion named {@code requestName} in Gatling's report, its messages taken from the
   * session: see {@link ChatRequestActionBuilder}.
   */
  public static ChatRequestActionBuilder chat(String requestName) {
    return ChatRequestActionBuilder.named(requestName);
  }

  /**
   * A legacy completion ({@code POST <baseUrl>/completions}) named {@code requestName} in Gatling's
   * report, its prompt taken from the session: see {@link CompletionRequestActionBuilder}.
   */
  public static CompletionRequestActionBuilder completion(String requestName) {
    return CompletionRequestActionBuilder.named(requestName);
  }

  /**
   * Puts the next record of a thread-safe feeder into the session, on the user's own event loop.
   *
   * <p>Gatling's {@code feed()} hands every record through one shared actor; with hundreds of users
   * finishing together (a closed loop in lockstep) that queue held users back: measured here at 256
   * streams, the time from an answer to the next send was 15–48 ms at p99 with {@code feed()} and
   * 0.45 ms with this, and the harness self-check stopped flagging the client as the limit.
   */
  public static ChainBuilder feedDirectly(Iterator<Map<String, Object>> feeder) {
    return CoreDsl.exec(session -> session.setAll(feeder.next()));
  }

  /**
   * The measured phase of one user: {@code request} (a prompt fed, then the chat action) repeated
   * as the load model says. Closed: back to back while tickets last, after a staggered start when
   * ramped up. Open: each request waits for its ticket's intended send time, which goes into the
   * session ({@link SessionKeys#INTENDED_START_NANOS}) for the chat action to record. Either way a
   * user looks at the load's stop signal right before each send, and a waiting user gives up its
   * wait once the signal is given: a stopped phase sends nothing more, and its users end as soon as
   * their requests in flight have.
   */
  public static ChainBuilder measured(MeasuredLoad load, ChainBuilder request) {
    StopSignal stop = load.stop();
    if (load instanceof MeasuredLoad.Open open) {
      ActionBuilder arrival =
          ScheduledStart.until(
              "arrival",
              () -> stop.stopped() ? OptionalLong.empty() : open.tickets().take(),
              SessionKeys.INTENDED_START_NANOS,
              stop);
      return CoreDsl.exec(arrival)
          .asLongAs(
              session -> !stop.stopped() && session.contains(SessionKeys.INTENDED_START_NANOS))
          .on(request.exec(arrival));
    }
    MeasuredLoad.Closed closed = (MeasuredLoad.Closed) load;
    ChainBuilder loop =
        CoreDsl.asLongAs(session -> !stop.stopped() && closed.tickets().getAsBoolean()).on(request);
    if (closed.rampUp().isEmpty()) {
      return loop;
    }
    RampUpStarts ramp = closed.rampUp().get();
    return CoreDsl.exec(
            ScheduledStart.until(
                "ramp-up",
                () -> OptionalLong.of(ramp.nextStartNanos()),
                SessionKeys.RAMP_START_NANOS,
                stop))
        .exec(loop);
  }

  /**
   * The built-in benchmark of a started run: its self-warmup, warmup and measured levels as chained
   * Gatling populations, and its SLO gates as Gatling assertions.
   */
  public static BenchmarkScenarios benchmark(BenchmarkPlan plan) {
    return new BenchmarkScenarios(plan);
  }
}
