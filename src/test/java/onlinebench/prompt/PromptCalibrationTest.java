package onlinebench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import onlinebench.config.Tokenizer;
import org.junit.jupiter.api.Test;

class PromptCalibrationTest {
  private static final TokenCounter CL100K = TokenCounter.of(Tokenizer.CL100K_BASE);
  private static final PromptGenerator WORDS = new PromptGenerator(CL100K, 1, 0);

  private static ChatPrompt prompt(int tokens) {
    return ChatPrompt.user(WORDS.prompt(tokens, tokens), 1);
  }

  @Test
  void fitsRatioAndOffsetByLeastSquares() {
    PromptCalibration calibration = new PromptCalibration(CL100K);
    for (int tokens : new int[] {100, 200, 300, 400}) {
      calibration.observe(prompt(tokens), Math.round(1.25 * tokens + 30));
    }
    CalibrationFit fit = calibration.freeze().orElseThrow();
    assertThat(fit.ratio()).isCloseTo(1.25, within(1e-9));
    assertThat(fit.offset()).isCloseTo(30, within(1e-6));
    assertThat(fit.samples()).isEqualTo(4);
  }

  @Test
  void fitsTheOffsetAloneWhenEveryPromptHadTheSameLength() {
    PromptCalibration calibration = new PromptCalibration(CL100K);
    calibration.observe(prompt(100), 120);
    calibration.observe(prompt(100), 124);
    CalibrationFit fit = calibration.freeze().orElseThrow();
    assertThat(fit.ratio()).isEqualTo(1.0);
    assertThat(fit.offset()).isCloseTo(22, within(1e-9));
  }

  @Test
  void fitsTheOffsetAloneFromOneSample() {
    PromptCalibration calibration = new PromptCalibration(CL100K);
    calibration.observe(prompt(500), 529);
    assertThat(calibration.freeze()).contains(new CalibrationFit(1, 29, 1));
  }

  @Test
  void ignoresAServerWhoseCountFallsAsPromptsGrow() {
    // (100 ours, 200 server's) and (200, 190), as sums of values shifted by the first sample
    CalibrationFit fit = CalibrationFit.leastSquares(2, 100, -10, 10_000, -1_000, 100, 200);
    assertThat(fit.ratio()).isEqualTo(1.0);
    assertThat(fit.offset()).as("the mean difference").isCloseTo(45, within(1e-9));
  }

  @Test
  void isEmptyWithoutSamplesAndTakesNoneAfterFreezing() {
    PromptCalibration calibration = new PromptCalibration(CL100K);
    assertThat(calibration.freeze()).isEmpty();
    calibration.observe(prompt(100), 120);
    assertThat(calibration.freeze()).as("frozen: later samples change nothing").isEmpty();
  }

  @Test
  void ourLengthForATargetInvertsTheFit() {
    CalibrationFit fit = new CalibrationFit(1.25, 30, 8);
    assertThat(fit.ourTokensFor(1030)).isEqualTo(800);
    assertThat(fit.ourTokensFor(31)).isEqualTo(1);
    assertThat(fit.ourTokensFor(10)).as("never below one token").isEqualTo(1);
  }
}
