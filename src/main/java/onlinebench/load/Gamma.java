package onlinebench.load;

import java.util.SplittableRandom;

/**
 * Draws from a gamma distribution of shape k and scale 1 (mean k, variance k) by Marsaglia and
 * Tsang's method (ACM TOMS 26(3), 2000); for k below 1, a draw at k + 1 times U^(1/k).
 */
final class Gamma {
  private Gamma() {}

  static double sample(double shape, SplittableRandom random) {
    if (shape < 1) {
      double u = 1.0 - random.nextDouble(); // in (0, 1], so the power is never 0^x with 1/k > 0
      return sample(shape + 1, random) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(random);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** A standard normal draw (Box–Muller). */
  private static double normal(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
