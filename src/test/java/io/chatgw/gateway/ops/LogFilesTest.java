package io.chatgw.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback files (README, Logs): conf/logback.xml starts every line with the UTC date and
 * time; conf/logback-json.xml writes one JSON object a line with logback's own JsonEncoder.
 */
class LogFilesTest {

  @SuppressWarnings("unchecked")
  static String encoded(String file, String message) throws JoranException {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(file);
    assertTrue(context.getStatusManager().getCopyOfStatusList().stream().allMatch(s -> s.getLevel() < 2),
        file + " configured without warnings: " + context.getStatusManager().getCopyOfStatusList());
    ch.qos.logback.classic.Logger logger = context.getLogger("access");
    OutputStreamAppender<ILoggingEvent> stdout =
        (OutputStreamAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("STDOUT");
    LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, message, null, new Object[] {"/health/live"});
    event.setTimeStamp(1_767_225_600_123L); // 2026-01-01T00:00:00.123Z
    String line = new String(stdout.getEncoder().encode(event), StandardCharsets.UTF_8);
    context.stop();
    return line;
  }

  @Test
  void plainLinesStartWithTheDateInUtc() throws JoranException {
    String line = encoded("conf/logback.xml", "GET {} 200");
    assertTrue(line.startsWith("2026-01-01T00:00:00.123Z INFO  ["), line);
    assertTrue(line.endsWith("access - GET /health/live 200" + System.lineSeparator()), line);
  }

  @Test
  void jsonLinesAreOneObjectWithTheFormattedMessage() throws JoranException {
    String line = encoded("conf/logback-json.xml", "GET {} 200");
    assertEquals(1, line.strip().lines().count(), line);
    JsonObject json = new JsonObject(line.strip());
    assertEquals(1_767_225_600_123L, json.getLong("timestamp"));
    assertEquals("INFO", json.getString("level"));
    assertEquals("access", json.getString("loggerName"));
    assertEquals("GET /health/live 200", json.getString("formattedMessage"));
  }
}
