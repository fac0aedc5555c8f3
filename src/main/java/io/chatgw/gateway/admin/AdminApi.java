package io.chatgw.gateway.admin;

import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.auth.SecretTokens;
import io.chatgw.gateway.auth.SessionTokens;
import io.chatgw.gateway.http.Credentials;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.http.Routes;
import io.chatgw.gateway.limits.RateLimits;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * {@code /admin/v1/*}: imports and credential minting, behind the admin token. Not mounted at all
 * when no admin token is configured, so its paths are then plain 404s.
 */
public final class AdminApi {

  static final long MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final Pool pool;
  private final byte[] adminTokenHash;
  private final EntityParser parser;
  private final SessionTokens sessions;
  private final RateLimits rateLimits;
  private final CredentialMinting minting;

  public AdminApi(Vertx vertx, Pool pool, String adminToken, Jwts jwts, SessionTokens sessions,
      RateLimits rateLimits, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.adminTokenHash = SecretTokens.hash(adminToken);
    this.parser = new EntityParser(clock);
    this.sessions = sessions;
    this.rateLimits = rateLimits;
    this.minting = new CredentialMinting(pool, jwts, clock);
  }

  public void mount(Router router) {
    router.route("/admin/*").handler(this::checkAdminToken);
    String importPath = "/admin/v1/import";
    router.post(importPath).consumes("application/json")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_DOCUMENT_BYTES))
        .handler(this::importDocument);
    router.post(importPath).consumes("application/x-ndjson").handler(this::importNdjson);
    router.post(importPath).handler(ctx -> AdminErrors.write(ctx, 415, "unsupported_media_type",
        "send application/json or application/x-ndjson", null));
    Routes.methodNotAllowed(router, importPath, HttpMethod.POST);
    BodyHandler small = BodyHandler.create(false).setBodyLimit(64 * 1024);
    Routes.post(router, "/admin/v1/tenants/:tenant/tokens", small, ctx -> minting.tokens(ctx));
    Routes.post(router, "/admin/v1/tenants/:tenant/keys", small, ctx -> minting.apiKey(ctx));
  }

  private void checkAdminToken(RoutingContext ctx) {
    String token = Credentials.bearerOptional(Credentials.lastHeader(ctx.request(), HttpHeaders.AUTHORIZATION));
    if (token != null && MessageDigest.isEqual(SecretTokens.hash(token), adminTokenHash)) {
      ctx.next();
    } else {
      AdminErrors.write(ctx, 401, "unauthorized", "a valid admin token is required", null);
    }
  }

  /** An import may have replaced sessions and tenants' rate limits: look them up again. */
  private void forgetCachedLookups() {
    sessions.invalidateAll();
    rateLimits.invalidateAll();
  }

  private void importDocument(RoutingContext ctx) {
    vertx.executeBlocking(() -> DocumentImport.parse(ctx.body().asJsonObject(), parser), false)
        .compose(batch -> pool.withTransaction(conn -> ReferenceCheck.firstMissing(conn, batch)
                .compose(missing -> missing != null
                    ? Future.<Void>failedFuture(missing)
                    : ImportWriter.write(conn, batch)))
            .map(v -> batch.counts()))
        .onSuccess(counts -> {
          forgetCachedLookups();
          Responder.write(ctx, 200, new JsonObject().put("imported", counts).toBuffer());
        })
        .onFailure(cause -> {
          if (cause instanceof DecodeException || cause instanceof ClassCastException) {
            AdminErrors.write(ctx, 400, "invalid_json", "the body is not a JSON object", null);
          } else {
            AdminErrors.fail(ctx, cause);
          }
        });
  }

  private void importNdjson(RoutingContext ctx) {
    NdjsonImport.run(pool, parser, ctx.request())
        .onSuccess(counts -> {
          forgetCachedLookups();
          Responder.write(ctx, 200, new JsonObject().put("imported", counts).toBuffer());
        })
        .onFailure(cause -> {
          forgetCachedLookups();
          NdjsonImport.Failure f = (NdjsonImport.Failure) cause;
          String path = f.cause instanceof ImportError e ? e.path() : "line " + f.line;
          String message = f.cause instanceof ImportError e ? e.getMessage()
              : "the batch ending at this line could not be stored";
          int status = f.cause instanceof ImportError
              || f.cause instanceof io.vertx.pgclient.PgException ? 400 : 503;
          AdminErrors.write(ctx, status, status == 400 ? "invalid_entity" : "unavailable", message, path,
              f.line, f.committed);
        });
  }
}
