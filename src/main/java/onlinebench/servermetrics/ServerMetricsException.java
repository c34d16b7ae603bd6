package onlinebench.servermetrics;

import java.io.IOException;

/** A metrics URL that did not answer in the Prometheus text format; the message says how. */
public final class ServerMetricsException extends IOException {
  private static final long serialVersionUID = 1L;

  public ServerMetricsException(String message) {
    super(message);
  }
}
