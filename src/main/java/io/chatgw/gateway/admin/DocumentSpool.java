package io.chatgw.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Writes a request body to a temp file as it arrives (Vert.x's asynchronous file API, with back
 * pressure), so that a JSON document of the documented maximum never sits in the heap. A body
 * over the limit, by its {@code Content-Length} or by what arrives, fails with {@link TooLarge}
 * and nothing more is read.
 */
final class DocumentSpool {

  /** The body is larger than the limit: 413, connection closed. */
  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("too large", null, false, false);
    }
  }

  private DocumentSpool() {}

  /** The temp file holding the whole body; the caller deletes it. */
  static Future<String> spool(Vertx vertx, HttpServerRequest request, long maxBytes) {
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && declared.length() > 0 && isOver(declared, maxBytes)) {
      return Future.failedFuture(new TooLarge());
    }
    return vertx.fileSystem().createTempFile("gateway-import-", ".json")
        .compose(path -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true))
            .compose(file -> copy(request, file, maxBytes))
            .transform(ar -> ar.succeeded() ? Future.succeededFuture(path)
                : vertx.fileSystem().delete(path).transform(v -> Future.<String>failedFuture(ar.cause()))));
  }

  private static boolean isOver(String contentLength, long maxBytes) {
    try {
      return Long.parseLong(contentLength.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false; // the HTTP codec has already refused a malformed Content-Length
    }
  }

  private static Future<Void> copy(HttpServerRequest request, AsyncFile file, long maxBytes) {
    Promise<Void> copied = Promise.promise();
    long[] received = {0};
    file.exceptionHandler(copied::tryFail);
    request.exceptionHandler(copied::tryFail);
    request.handler(chunk -> {
      received[0] += chunk.length();
      if (received[0] > maxBytes) {
        request.pause();
        copied.tryFail(new TooLarge());
        return;
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        request.pause();
        file.drainHandler(v -> request.resume());
      }
    });
    request.endHandler(v -> copied.tryComplete());
    request.resume();
    return copied.future().transform(ar -> file.close().transform(v -> ar.succeeded()
        ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(ar.cause())));
  }
}
