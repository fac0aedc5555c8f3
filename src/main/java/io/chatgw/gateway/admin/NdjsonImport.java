package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams an NDJSON import: lines are parsed as they arrive and committed in batches, with the
 * request paused while a batch is written. The first bad line stops it; the lines before it are
 * committed, and the failure says which line and how many lines were committed.
 */
final class NdjsonImport {

  /** How an import ended badly: the error, its line, and what was committed before. */
  static final class Failure extends RuntimeException {
    final Throwable cause;
    final int line;
    final int committed;
    /** The rest of the body was not read: the answer must close the connection. */
    final boolean closeConnection;

    Failure(Throwable cause, int line, int committed, boolean closeConnection) {
      super(cause.getMessage(), null, false, false);
      this.cause = cause;
      this.line = line;
      this.committed = committed;
      this.closeConnection = closeConnection;
    }
  }

  private final Pool pool;
  private final EntityParser parser;
  private final ImportLimits limits;
  private final Promise<JsonObject> done = Promise.promise();
  private final ImportCounts counts = new ImportCounts();
  private HttpServerRequest request;
  private ImportBatch batch = new ImportBatch();
  private List<Integer> lines = new ArrayList<>();
  private int lineNumber;
  private int committed;
  private boolean stopped;
  private RecordParser records;

  private NdjsonImport(Pool pool, EntityParser parser, ImportLimits limits) {
    this.pool = pool;
    this.parser = parser;
    this.limits = limits;
  }

  static Future<JsonObject> run(Pool pool, EntityParser parser, ImportLimits limits, HttpServerRequest request) {
    NdjsonImport job = new NdjsonImport(pool, parser, limits);
    job.request = request;
    job.records = RecordParser.newDelimited("\n", request).maxRecordSize(limits.maxEntityBytes());
    job.records.handler(job::line);
    job.records.exceptionHandler(e -> job.tooLong());
    job.records.endHandler(v -> job.finish());
    request.resume();
    return job.done.future();
  }

  private void line(Buffer raw) {
    lineNumber++;
    if (stopped) {
      return;
    }
    String text = raw.toString(StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return;
    }
    try {
      batch.add(NdjsonLine.parse(text, lineNumber, parser), raw.length());
      lines.add(lineNumber);
    } catch (ImportError e) {
      int badLine = lineNumber;
      records.pause();
      flush().onComplete(ar -> stop(ar.failed() ? ar.cause() : e, badLine));
      return;
    }
    if (batch.full(limits)) {
      records.pause();
      flush().onComplete(ar -> {
        if (ar.failed()) {
          stop(ar.cause(), ar.cause() instanceof Failure f ? f.line : lineNumber);
        } else {
          records.resume();
        }
      });
    }
  }

  private void finish() {
    if (!stopped) {
      flush().onComplete(ar -> {
        if (ar.succeeded()) {
          done.tryComplete(counts.json());
        } else {
          stop(ar.cause(), lineNumber);
        }
      });
    }
  }

  /** Commits the pending batch; on a bad reference commits the lines before it, then fails. */
  private Future<Void> flush() {
    ImportBatch pending = batch;
    List<Integer> pendingLines = lines;
    batch = new ImportBatch();
    lines = new ArrayList<>();
    if (pending.size() == 0) {
      return Future.succeededFuture();
    }
    return ReferenceCheck.firstMissing(pool, pending).compose(missing -> {
      if (missing == null) {
        return commitUpTo(pending, pendingLines);
      }
      return commitBefore(missing, pending, pendingLines);
    });
  }

  /** Commits the batch; when the writer refuses a line (see ImportWriter), the lines before it. */
  private Future<Void> commitUpTo(ImportBatch part, List<Integer> partLines) {
    return commit(part).recover(e -> e instanceof ImportError bad
        ? commitBefore(bad, part, partLines) : Future.failedFuture(e));
  }

  private Future<Void> commitBefore(ImportError bad, ImportBatch part, List<Integer> partLines) {
    int badLine = lineOf(bad.path());
    int keep = (int) partLines.stream().filter(n -> n < badLine).count();
    return commitUpTo(part.prefix(keep), partLines.subList(0, keep))
        .compose(v -> Future.failedFuture(new Failure(bad, badLine, committed, false)));
  }

  private Future<Void> commit(ImportBatch part) {
    if (part.size() == 0) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> ImportWriter.write(conn, part)
        .compose(v -> part.messages.isEmpty() ? Future.<Void>succeededFuture() : ChangePositions.assign(conn))).onSuccess(v -> {
      committed += part.size();
      counts.add(part);
    });
  }

  private void stop(Throwable cause, int line) {
    stopped = true;
    records.resume(); // drain the rest of the body; line() ignores it once stopped
    done.tryFail(cause instanceof Failure f ? f : new Failure(cause, line, committed, false));
  }

  /**
   * A line over the limit: the lines before it are committed (a batch in flight finishes), then
   * the import ends without reading more; the answer closes the connection.
   */
  private void tooLong() {
    if (stopped) {
      return;
    }
    stopped = true;
    int badLine = lineNumber + 1;
    request.pause();
    ImportError error = new ImportError("line " + badLine, "is longer than " + limits.maxEntityBytes() + " bytes");
    flush().onComplete(ar -> done.tryFail(ar.failed() && ar.cause() instanceof Failure f
        ? new Failure(f.cause, f.line, f.committed, true)
        : new Failure(ar.failed() ? ar.cause() : error, badLine, committed, true)));
  }

  private static int lineOf(String path) {
    int end = 5;
    while (end < path.length() && Character.isDigit(path.charAt(end))) {
      end++;
    }
    return Integer.parseInt(path.substring(5, end));
  }
}
