package onlinebench.gatling;

import java.util.List;
import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.load.MeasuredLoad;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.record.RequestSink;

/**
 * What the built-in benchmark's scenarios need from a started run ({@code run.BenchmarkRun}
 * implements it): its configuration, prompts, warmup budget, harness monitor, the self-warmup and
 * the measured levels. {@link LlmDsl#benchmark} turns it into Gatling populations.
 */
public interface BenchmarkPlan {
  /** The validated configuration (the first level's, for a sweep). */
  BenchConfig config();

  /** How prompts are resized to the server's token count, learned by the preflight. */
  PromptCalibration calibration();

  /** Watches whether the harness itself bounds the figures. */
  HarnessMonitor monitor();

  /** The measured requests' prompts, shared by every level. */
  PromptFeeder prompts();

  /**
   * The system message every session of a session workload starts with; empty without one (or
   * without a session workload).
   */
  Optional<String> systemPrompt();

  /** The warmup requests' prompts. */
  PromptFeeder warmupPrompts();

  /** Takes one of the {@code warmupRequests} tickets; false once they are spent. */
  boolean takeWarmupTicket();

  /**
   * True while the first level's users, their warmup done, should wait before measuring: the
   * server's metrics are being sampled once more so that the warmup falls outside the measured
   * phase's counter deltas. Called repeatedly by every user after the warmup's rendezvous; false at
   * once when there is nothing to wait for.
   */
  default boolean holdBeforeMeasuring() {
    return false;
  }

  /**
   * The burst against the harness's own loopback simulator before any traffic to the target; empty
   * when the run turned it off.
   */
  Optional<SelfWarmupPlan> selfWarmup();

  /**
   * The measured phases in the order they run: one, or one per level of a sweep; none for a search.
   */
  List<? extends Level> levels();

  /** The step slots of a search for the highest load meeting the SLO ({@code -Dsearch}). */
  Optional<? extends SearchSlots> search();

  /** One measured phase. */
  interface Level {
    /** The level's configuration (its concurrency or rate). */
    BenchConfig config();

    /** Where its requests are recorded. */
    RequestSink sink();

    /** How its users pace their requests. */
    MeasuredLoad load();

    /** How many virtual users it starts. */
    int users();
  }

  /**
   * A search's steps, declared before the run although each step's level depends on the verdict of
   * the one before: {@link #slots()} populations chained one after another, each injecting {@link
   * #users()} users, enough for the highest level the search may try. The first user to reach a
   * slot starts its step, which judges the step before and picks this one's level; the users that
   * level does not need end at once. Slots left once the search is over run no step at all.
   */
  interface SearchSlots {
    /** The most steps the search can take: one slot each. */
    int slots();

    /** Users injected into every slot. */
    int users();

    /** True when the levels are the closed model's concurrencies, false for request rates. */
    boolean closed();

    /** The slot of step {@code index} (from 0). */
    SearchSlot slot(int index);
  }

  /** One step slot; its level exists only once its first user has arrived. */
  interface SearchSlot {
    /**
     * Called once by each user of the slot as it starts; the first call starts the step. True when
     * the step's level uses this user, false for a surplus user (or when the search is over).
     */
    boolean admit();

    /** True once a user was admitted or refused and the search had no step left for this slot. */
    boolean searchOver();

    /** Takes one of the step's warmup tickets; none when its level is the one before's. */
    boolean takeWarmupTicket();

    /** Says that one of the step's users has sent its share of the warmup. */
    void warmedUp();

    /**
     * True once every user of the slot has been admitted or refused and every admitted one has
     * warmed up: the open model's users wait for it instead of a rendezvous (see {@link
     * BenchmarkScenarios}).
     */
    boolean readyToMeasure();

    /** Where the step's measured requests go. */
    RequestSink sink();

    /** How the step's users pace their requests; its stop signal is the step's own. */
    MeasuredLoad load();
  }

  /** The self-warmup's users, requests and the wait for the JIT to settle. */
  interface SelfWarmupPlan {
    /** The configuration aimed at the loopback simulator. */
    BenchConfig config();

    /** Its prompts. */
    PromptFeeder prompts();

    /**
     * Where its answers go: a scratch copy of the measured requests' sink, so that their recording
     * path too is compiled before the first measured request; nobody reads it.
     */
    RequestSink sink();

    /** How many users send its burst. */
    int users();

    /** Takes one of its request tickets; false once they are spent. */
    boolean nextRequest();

    /** Says that one user sent its last request. */
    void userDone();

    /** True while users should wait: others still sending, or the JIT still busy. */
    boolean settling();
  }
}
