package onlinebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import onlinebench.config.ApiKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretLogFilterTest {
  private static final String SECRET = "sk-log-secret-0123456789";
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("io.gatling.http.client.impl.HttpAppHandler");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void captureDebugLogs() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    SecretLogFilter.install(ApiKey.of(SECRET));
  }

  @AfterEach
  void restore() {
    logger.detachAppender(appender);
    logger.setLevel(null);
    context.resetTurboFilterList();
  }

  @Test
  void masksTheKeyInRequestsLoggedAtDebug() {
    Object request =
        new Object() {
          @Override
          public String toString() {
            return "POST /v1/chat/completions\nauthorization: Bearer " + SECRET;
          }
        };
    logger.debug("Write request {}", request);
    assertThat(appender.list).hasSize(1);
    String written = appender.list.get(0).getFormattedMessage();
    assertThat(written).doesNotContain(SECRET).contains("authorization: Bearer sk-****89");
    assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void masksTheKeyInExceptions() {
    logger.warn("failed", new IllegalStateException("bad token " + SECRET));
    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage()).doesNotContain(SECRET);
  }

  @Test
  void leavesOtherLinesAlone() {
    logger.debug("Read msg {}", "HTTP/1.1 200 OK");
    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("Read msg HTTP/1.1 200 OK");
  }
}
