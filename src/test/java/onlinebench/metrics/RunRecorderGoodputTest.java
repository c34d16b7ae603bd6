package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class RunRecorderGoodputTest {
  private static final long MS = 1_000_000;
  private static final OptionalLong NONE = OptionalLong.empty();

  @Test
  void countsGoodRequestsPerSecondWithFailuresInTheFraction() {
    // good: a success within 100 ms
    RunRecorder recorder =
        new RunRecorder(Optional.of(r -> r.ok() && r.e2eNanos() <= 100 * MS)); // 2 s phase
    recorder.record(RequestRecord.completed(0, 50 * MS, NONE, NONE));
    recorder.record(RequestRecord.completed(0, 100 * MS, NONE, NONE));
    recorder.record(RequestRecord.completed(0, 150 * MS, NONE, NONE));
    recorder.record(RequestRecord.failed(0, 2000 * MS, 500, ErrorKind.HTTP_5XX, "boom"));

    Goodput goodput = recorder.summarize().goodput();

    assertThat(goodput.goodRequests()).isEqualTo(2);
    assertThat(goodput.requestGoodput()).isEqualTo(1.0);
    assertThat(goodput.goodFraction()).isEqualTo(0.5);
  }

  @Test
  void neverAsksAboutFailedRequests() {
    RunRecorder recorder = new RunRecorder(Optional.of(r -> true));
    recorder.record(RequestRecord.failed(0, MS, 500, ErrorKind.HTTP_5XX, "boom"));
    assertThat(recorder.summarize().goodput().goodRequests()).isZero();
  }

  @Test
  void noGoodputWithoutPerRequestObjectives() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(RequestRecord.completed(0, MS, NONE, NONE));
    assertThat(recorder.summarize().goodput()).isNull();
  }

  @Test
  void keepsTheNinetyNinePointNinthPercentile() {
    RunRecorder recorder = new RunRecorder();
    for (int i = 1; i <= 1000; i++) {
      recorder.record(RequestRecord.completed(0, i * MS, NONE, NONE));
    }
    assertThat(recorder.summarize().latency(LatencyMetric.E2EL).p999Ms()).isBetween(998.0, 1000.0);
  }
}
