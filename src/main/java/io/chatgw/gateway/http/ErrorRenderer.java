package io.chatgw.gateway.http;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/** A dialect's one way of rendering an error status (with optional detail lines) as its body. */
@FunctionalInterface
public interface ErrorRenderer {
  Buffer render(int status, List<String> details);
}
