package io.chatgw.gateway.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the named loggers log while it is open (the access log included: give "access"). */
public final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final List<Logger> loggers;

  private LogCapture(List<Logger> loggers) {
    this.loggers = loggers;
  }

  public static LogCapture of(String... loggerNames) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogCapture capture = new LogCapture(java.util.Arrays.stream(loggerNames).map(context::getLogger).toList());
    capture.captured.setContext(context);
    capture.captured.start();
    capture.loggers.forEach(l -> l.addAppender(capture.captured));
    return capture;
  }

  /** The formatted messages so far. The access log is written by an async appender: wait a little first. */
  public List<String> lines() {
    synchronized (captured.list) {
      return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    loggers.forEach(l -> l.detachAppender(captured));
  }
}
