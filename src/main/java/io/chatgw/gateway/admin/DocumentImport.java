package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;

/**
 * A JSON import document: spooled to a temp file, then read in bounded batches and written in
 * one transaction (all or nothing, as admin-api.md requires) — the transaction is long, the
 * memory is one batch. Each batch's references are checked on the transaction's connection, so
 * they see the batches written before it.
 */
final class DocumentImport {

  private final Vertx vertx;
  private final Pool pool;
  private final EntityParser parser;
  private final ImportLimits limits;

  DocumentImport(Vertx vertx, Pool pool, EntityParser parser, ImportLimits limits) {
    this.vertx = vertx;
    this.pool = pool;
    this.parser = parser;
    this.limits = limits;
  }

  /** The counts of what was stored; fails with TooLarge, NotJson, ImportError or a store error. */
  Future<JsonObject> run(HttpServerRequest request) {
    return DocumentSpool.spool(vertx, request, limits.maxDocumentBytes())
        .compose(file -> store(Path.of(file)).eventually(() -> vertx.fileSystem().delete(file)));
  }

  private Future<JsonObject> store(Path file) {
    return vertx.executeBlocking(() -> DocumentReader.open(file, parser, limits), false)
        .compose(reader -> pool.withTransaction(conn -> writeAll(conn, reader, new ImportCounts())
            .compose(counts -> counts.messages() == 0 ? Future.succeededFuture(counts)
                : ChangePositions.assign(conn).map(counts)))
            .eventually(() -> vertx.executeBlocking(() -> {
              reader.close();
              return null;
            }, false)))
        .map(ImportCounts::json);
  }

  private Future<ImportCounts> writeAll(SqlConnection conn, DocumentReader reader, ImportCounts counts) {
    return vertx.executeBlocking(reader::nextBatch, false).compose(batch -> {
      if (batch.size() == 0) {
        return Future.succeededFuture(counts);
      }
      return ReferenceCheck.firstMissing(conn, batch)
          .compose(missing -> missing != null ? Future.<Void>failedFuture(missing) : ImportWriter.write(conn, batch))
          .compose(v -> writeAll(conn, reader, counts.add(batch)));
    });
  }
}
