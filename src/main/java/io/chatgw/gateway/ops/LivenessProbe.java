package io.chatgw.gateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * The container's health check: {@code GET /health/live} on this host, exit 0 on 200, else 1. A
 * class of its own, with only the JDK, so that the check starts a small JVM in a few hundred
 * milliseconds and the runtime image needs no curl or wget. Liveness only: whether the database
 * answers is readiness, the orchestrator's business ({@code /health/ready}).
 */
public final class LivenessProbe {

  private LivenessProbe() {}

  /** @param args the HTTP port (the Dockerfile passes {@code $HTTP_PORT}), 8080 when absent */
  public static void main(String[] args) {
    int port = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 8080;
    System.exit(check(port, 2000) ? 0 : 1);
  }

  /** Whether {@code /health/live} on 127.0.0.1:{@code port} answers 200 within {@code timeoutMillis}. */
  static boolean check(int port, int timeoutMillis) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) new URL("http", "127.0.0.1", port, "/health/live").openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      try (InputStream body = connection.getResponseCode() == 200 ? connection.getInputStream() : null) {
        return body != null;
      } finally {
        connection.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
