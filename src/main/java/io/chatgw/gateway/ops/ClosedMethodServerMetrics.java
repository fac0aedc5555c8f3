package io.chatgw.gateway.ops;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.Set;

/**
 * HTTP server metrics that report a request's method as itself when HTTP defines it and as
 * {@code OTHER} otherwise, so that the method label has ten values whatever clients send.
 */
final class ClosedMethodServerMetrics<R, W, S> implements HttpServerMetrics<R, W, S> {

  static final Set<HttpMethod> KNOWN = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
      HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.CONNECT, HttpMethod.OPTIONS, HttpMethod.TRACE,
      HttpMethod.PATCH);
  static final HttpMethod OTHER = HttpMethod.valueOf("OTHER");

  private final HttpServerMetrics<R, W, S> delegate;

  private ClosedMethodServerMetrics(HttpServerMetrics<R, W, S> delegate) {
    this.delegate = delegate;
  }

  static <R, W, S> HttpServerMetrics<R, W, S> wrap(HttpServerMetrics<R, W, S> delegate) {
    return new ClosedMethodServerMetrics<>(delegate);
  }

  static HttpMethod closed(HttpMethod method) {
    return KNOWN.contains(method) ? method : OTHER;
  }

  private static HttpRequest closed(HttpRequest request) {
    return KNOWN.contains(request.method()) ? request : new ClosedRequest(request);
  }

  @Override
  public R requestBegin(S socket, HttpRequest request) {
    return delegate.requestBegin(socket, closed(request));
  }

  @Override
  public void requestEnd(R metric, HttpRequest request, long bytesRead) {
    delegate.requestEnd(metric, closed(request), bytesRead);
  }

  @Override
  public void requestReset(R metric) {
    delegate.requestReset(metric);
  }

  @Override
  public void responseBegin(R metric, HttpResponse response) {
    delegate.responseBegin(metric, response);
  }

  @Override
  public R responsePushed(S socket, HttpMethod method, String uri, HttpResponse response) {
    return delegate.responsePushed(socket, closed(method), uri, response);
  }

  @Override
  public void responseEnd(R metric, HttpResponse response, long bytesWritten) {
    delegate.responseEnd(metric, response, bytesWritten);
  }

  @Override
  public W connected(S socket, R metric, ServerWebSocket webSocket) {
    return delegate.connected(socket, metric, webSocket);
  }

  @Override
  public void disconnected(W webSocket) {
    delegate.disconnected(webSocket);
  }

  @Override
  public void requestRouted(R metric, String route) {
    delegate.requestRouted(metric, route);
  }

  @Override
  public S connected(SocketAddress remote, String remoteName) {
    return delegate.connected(remote, remoteName);
  }

  @Override
  public void disconnected(S socket, SocketAddress remote) {
    delegate.disconnected(socket, remote);
  }

  @Override
  public void bytesRead(S socket, SocketAddress remote, long bytes) {
    delegate.bytesRead(socket, remote, bytes);
  }

  @Override
  public void bytesWritten(S socket, SocketAddress remote, long bytes) {
    delegate.bytesWritten(socket, remote, bytes);
  }

  @Override
  public void exceptionOccurred(S socket, SocketAddress remote, Throwable t) {
    delegate.exceptionOccurred(socket, remote, t);
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** The request as the metrics see it: everything as sent, but the method. */
  private record ClosedRequest(HttpRequest request) implements HttpRequest {
    @Override
    public int id() {
      return request.id();
    }

    @Override
    public String uri() {
      return request.uri();
    }

    @Override
    public String absoluteURI() {
      return request.absoluteURI();
    }

    @Override
    public HttpMethod method() {
      return OTHER;
    }

    @Override
    public MultiMap headers() {
      return request.headers();
    }

    @Override
    public SocketAddress remoteAddress() {
      return request.remoteAddress();
    }
  }
}
