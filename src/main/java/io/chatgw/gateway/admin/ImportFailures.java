package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import io.chatgw.gateway.failure.Failures;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.ext.web.RoutingContext;

/** How an import that did not complete is answered, for both formats. */
final class ImportFailures {

  private ImportFailures() {}

  static void write(RoutingContext ctx, Throwable cause, ImportLimits limits) {
    if (cause instanceof DocumentSpool.TooLarge) {
      AdminApi.closeAfterAnswer(ctx);
      AdminErrors.write(ctx, 413, "payload_too_large", "a JSON document may have at most "
          + limits.maxDocumentBytes() + " bytes; send larger loads as application/x-ndjson", null);
    } else if (cause instanceof DocumentReader.NotJson) {
      AdminErrors.write(ctx, 400, "invalid_json", "the body is not a JSON object", null);
    } else if (cause instanceof NdjsonImport.Failure f) {
      if (f.closeConnection) {
        AdminApi.closeAfterAnswer(ctx);
      }
      String path = f.cause instanceof ImportError e ? e.path() : "line " + f.line;
      String message = f.cause instanceof ImportError e ? e.getMessage()
          : "the batch ending at this line could not be stored";
      int status = f.cause instanceof ImportError ? 400 : Failures.ofDatabase(f.cause).status();
      if (status == GatewayError.UNAVAILABLE) {
        AdminErrors.logUnavailable(f.cause);
      }
      AdminErrors.write(ctx, status, AdminErrors.batchCode(status), message, path, f.line, f.committed);
    } else {
      AdminErrors.fail(ctx, cause);
    }
  }
}
