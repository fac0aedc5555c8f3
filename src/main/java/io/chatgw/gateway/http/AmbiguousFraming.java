package io.chatgw.gateway.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a request that carries both {@code Content-Length} and {@code Transfer-Encoding}: 400,
 * then the connection is closed, so nothing sent after it on that connection is answered (RFC 9112
 * section 6.1; a proxy in front that framed it by Content-Length would otherwise read a different
 * request boundary than ours). Netty's decoder would drop the Content-Length, read the body as
 * chunked and keep the connection; the router never sees that both were there.
 *
 * <p>Vert.x 5 has no public hook into its HTTP/1 decoder, so this is the one place that reaches
 * into its implementation: each new connection's decoder is swapped for a subclass that fails such
 * a request in the codec, answered by Vert.x's invalid-request handler like a 414/431. The swap is
 * safe only before the first byte is read: with h2c on, Vert.x builds the HTTP/1 pipeline after
 * reading the first request, so then the guard is not installed (logged once).
 * {@code AmbiguousFramingTest} pins the behaviour against the Vert.x version in use.
 */
final class AmbiguousFraming {

  private static final Logger log = LoggerFactory.getLogger(AmbiguousFraming.class);
  private static final String DECODER = "httpDecoder";
  private static final AtomicBoolean warned = new AtomicBoolean();

  private AmbiguousFraming() {}

  /** Call from the server's connection handler, before anything has been read. */
  static void install(HttpConnection connection, HttpServerOptions options) {
    if (!(connection instanceof ConnectionBase base)) {
      return; // an HTTP/2 connection: no HTTP/1 framing
    }
    ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
    if (pipeline.get(DECODER) != null && pipeline.get(DECODER).getClass() == VertxHttpRequestDecoder.class
        && pipeline.get("h2c") == null) {
      pipeline.replace(DECODER, DECODER, new Decoder(options));
    } else if (pipeline.get(DECODER) != null && warned.compareAndSet(false, true)) {
      log.warn("Requests with both Content-Length and Transfer-Encoding are not refused on this server "
          + "(h2c on, or an HTTP/1 pipeline this Vert.x version builds differently)");
    }
  }

  /** Vert.x's decoder, failing a request with both framing headers instead of dropping one. */
  static final class Decoder extends VertxHttpRequestDecoder {

    Decoder(HttpServerOptions options) {
      super(options);
    }

    /** Called for every request once its headers are read, before the body's framing is chosen. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
      HttpHeaders headers = message.headers();
      if (headers.contains(HttpHeaderNames.CONTENT_LENGTH) && headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
        throw refused();
      }
      return super.isContentAlwaysEmpty(message);
    }

    /** Netty's own hook for the HTTP/1.1 chunked case (it would remove Content-Length). */
    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      throw refused();
    }

    private static IllegalArgumentException refused() {
      return new IllegalArgumentException("both Content-Length and Transfer-Encoding");
    }
  }
}
