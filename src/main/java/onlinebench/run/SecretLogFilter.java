package onlinebench.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import onlinebench.config.ApiKey;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps the API key out of every log line, whatever the log level and configuration: at DEBUG,
 * Gatling's HTTP client logs each request with its {@code authorization} header. A logback turbo
 * filter sees each event before it is written; one that carries the key is dropped and logged again
 * with the key masked.
 */
final class SecretLogFilter extends TurboFilter {
  private static final ThreadLocal<Boolean> RELOGGING = ThreadLocal.withInitial(() -> false);

  private final ApiKey key;

  private SecretLogFilter(ApiKey key) {
    this.key = key;
  }

  /** Installs the filter when logback is the logging backend and the key is not empty. */
  static void install(ApiKey key) {
    if (key.reveal().isEmpty()
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    SecretLogFilter filter = new SecretLogFilter(key);
    filter.setName("online-bench-openai secret mask");
    filter.start();
    context.addTurboFilter(filter);
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // cheap for the events nobody will write, which are nearly all of them
    if (format == null || RELOGGING.get() || !logger.isEnabledFor(level)) {
      return FilterReply.NEUTRAL;
    }
    String message = MessageFormatter.arrayFormat(format, params).getMessage();
    String throwable = t == null ? "" : t.toString();
    if (!message.contains(key.reveal()) && !throwable.contains(key.reveal())) {
      return FilterReply.NEUTRAL;
    }
    RELOGGING.set(true);
    try {
      String masked = key.maskIn(message);
      String cause = t == null ? null : key.maskIn(throwable);
      Object[] args = cause == null ? new Object[] {masked} : new Object[] {masked, cause};
      String pattern = cause == null ? "{}" : "{} ({})";
      switch (level.toInt()) {
        case Level.ERROR_INT -> logger.error(marker, pattern, args);
        case Level.WARN_INT -> logger.warn(marker, pattern, args);
        case Level.INFO_INT -> logger.info(marker, pattern, args);
        case Level.DEBUG_INT -> logger.debug(marker, pattern, args);
        default -> logger.trace(marker, pattern, Arrays.copyOf(args, args.length));
      }
    } finally {
      RELOGGING.set(false);
    }
    return FilterReply.DENY;
  }
}
