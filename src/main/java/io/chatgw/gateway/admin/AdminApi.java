package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.auth.SecretTokens;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.store.Bulkhead;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /admin/v1/*}: imports and credential minting, behind the admin token. Not mounted at all
 * when no admin token is configured, so its paths are then plain 404s. Imports pass one gate (a
 * {@link Bulkhead}: so many run, so many wait with their bodies unread, the rest are refused)
 * whatever their format, so that their number, like each one's memory, is
 * bounded by {@link ImportLimits}.
 */
public final class AdminApi {

  static final String RETRY_AFTER_BUSY_SECONDS = "5";

  private final Vertx vertx;
  private final Pool pool;
  private final byte[] adminTokenHash;
  private final EntityParser parser;
  private final ImportLimits limits;
  private final Bulkhead gate;
  private final Runnable afterImport;
  private final Supplier<Future<Void>> readable;
  private final Consumer<JsonObject> imported;
  private final CredentialMinting minting;
  private final DocumentImport documents;

  /**
   * @param imported told of what every successful import stored: entities by kind ({@code {"users":3,…}})
   * @param readable completes once what an import committed may be read wherever history is read
   *     (the read replicas' catch-up, {@code store/ReadPools#committed}); an import answers after it
   */
  public AdminApi(Vertx vertx, Pool pool, String adminToken, Jwts jwts, Runnable afterImport, Clock clock,
      ImportLimits limits, Consumer<JsonObject> imported, Supplier<Future<Void>> readable) {
    this.vertx = vertx;
    this.pool = pool;
    this.adminTokenHash = SecretTokens.hash(adminToken);
    this.parser = new EntityParser(clock, limits);
    this.limits = limits;
    this.gate = Bulkhead.withoutWaitLimit(limits.maxConcurrent(), limits.maxWaiting());
    this.afterImport = afterImport;
    this.readable = readable;
    this.imported = imported;
    this.minting = new CredentialMinting(pool, jwts, clock);
    this.documents = new DocumentImport(vertx, pool, parser, limits);
  }

  /** The path of both import formats. */
  public static final String IMPORT = "/admin/v1/import";
  public static final String JSON = "application/json";
  public static final String NDJSON = "application/x-ndjson";

  /** The body handler of the minting routes (a small JSON body); one per router. */
  public static BodyHandler smallBody() {
    return BodyHandler.create(false).setBodyLimit(64 * 1024);
  }

  /** A JSON document: spooled, then written in one transaction. */
  public void importDocument(RoutingContext ctx) {
    gated(ctx, () -> documents.run(ctx.request()));
  }

  /** NDJSON: streamed, committed in batches. */
  public void importNdjson(RoutingContext ctx) {
    gated(ctx, () -> NdjsonImport.run(pool, parser, limits, ctx.request()));
  }

  /** A POST to the import path in neither format. */
  public static void unsupportedImport(RoutingContext ctx) {
    AdminErrors.write(ctx, 415, "unsupported_media_type", "send " + JSON + " or " + NDJSON, null);
  }

  public void mintTokens(RoutingContext ctx) {
    minting.tokens(ctx);
  }

  public void mintApiKey(RoutingContext ctx) {
    minting.apiKey(ctx);
  }

  /** The guard of every {@code /admin/*} path: 401 without the admin token. */
  public void checkAdminToken(RoutingContext ctx) {
    String token = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
    if (token != null && MessageDigest.isEqual(SecretTokens.hash(token), adminTokenHash)) {
      ctx.next();
    } else {
      AdminErrors.write(ctx, 401, "unauthorized", "a valid admin token is required", null);
    }
  }

  /** Runs an import once the gate lets it in; every import ends with the cache drop and one answer. */
  private void gated(RoutingContext ctx, Supplier<Future<JsonObject>> importer) {
    ctx.request().pause(); // the body stays unread until the import may run
    gate.enter(vertx).onComplete(entered -> {
      if (entered.failed()) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_BUSY_SECONDS);
        closeAfterAnswer(ctx);
        AdminErrors.write(ctx, 503, "busy", limits.maxConcurrent() + " imports are running and "
            + limits.maxWaiting() + " waiting; retry later", null);
        return;
      }
      if (ctx.response().closed()) {
        gate.leave();
        return;
      }
      importer.get().onComplete(ar -> {
        gate.leave();
        afterImport.run(); // cached credentials may have changed
        // even a failed import may have committed batches: no answer before they are readable
        readable.get().onComplete(v -> answer(ctx, ar));
      });
    });
  }

  private void answer(RoutingContext ctx, AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      imported.accept(ar.result());
      Responder.write(ctx, 200, new JsonObject().put("imported", ar.result()).toBuffer());
    } else {
      ImportFailures.write(ctx, ar.cause(), limits);
    }
  }

  /**
   * The answer closes the connection: the body was not (or not wholly) read, and Vert.x would
   * otherwise wait for its end before it closes.
   */
  static void closeAfterAnswer(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    ctx.response().endHandler(v -> ctx.request().connection().close());
  }
}
