package io.chatgw.gateway.bus;

import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both halves of how a failed history request crosses the event bus: the message verticle
 * {@link #reply replies} {@code message.fail(status, details joined by newlines)}; the router side
 * {@link #decode decodes} the {@link ReplyException} back into the same {@link GatewayError}.
 */
public final class BusFailure {

  private static final Logger log = LoggerFactory.getLogger(BusFailure.class);

  private BusFailure() {}

  /**
   * Fails {@code message} with the status of {@code cause}: a {@link GatewayError} keeps its status;
   * anything else is a bug of ours, logged here and a 500 (database trouble is already a
   * GatewayError, see {@link Failures#ofDatabase}).
   */
  public static void reply(Message<?> message, Throwable cause) {
    GatewayError error = Failures.of(cause);
    if (error != cause) {
      log.error("History request failed unexpectedly", cause);
    }
    message.fail(error.status(), String.join("\n", error.details()));
  }

  /** The error a failed request answers: the store's own, or a 503 when the store did not answer. */
  public static GatewayError decode(Throwable cause) {
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && reply.failureCode() > 0) {
      return GatewayError.of(reply.failureCode(), details(reply.getMessage()));
    }
    return Failures.of(cause);
  }

  private static String[] details(String message) {
    return message == null || message.isEmpty()
        ? new String[0]
        : List.of(message.split("\n")).toArray(String[]::new);
  }
}
