package io.chatgw.gateway.admin;

import io.chatgw.gateway.auth.Jwts;
import io.chatgw.gateway.auth.SecretTokens;
import io.chatgw.gateway.changes.Change;
import io.chatgw.gateway.changes.ChangeNotice;
import io.chatgw.gateway.changes.Kind;
import io.chatgw.gateway.http.Responder;
import io.chatgw.gateway.json.TimeFormats;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Mints session tokens with JWTs for a user, and new API keys for a tenant. */
final class CredentialMinting {

  static final long MAX_TTL_SECONDS = 31_536_000L;

  static final String INSERT_SESSION = """
      INSERT INTO session (token_hash, tenant_id, user_pk, expires_at)
      SELECT $1, u.tenant_id, u.pk, $4 FROM app_user u WHERE u.tenant_id = $2 AND u.id = $3""";
  static final String INSERT_API_KEY = """
      INSERT INTO api_key (key_hash, tenant_id) SELECT $1, t.id FROM tenant t WHERE t.id = $2""";

  private final Pool pool;
  private final Jwts jwts;
  private final Clock clock;

  CredentialMinting(Pool pool, Jwts jwts, Clock clock) {
    this.pool = pool;
    this.jwts = jwts;
    this.clock = clock;
  }

  void tokens(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null) {
      AdminErrors.write(ctx, 400, "invalid_json", "the body must be a JSON object", null);
      return;
    }
    Object user = body.getValue("user");
    Object ttl = body.getValue("ttlSeconds", 3600);
    if (!(user instanceof String userId) || userId.isEmpty()) {
      AdminErrors.write(ctx, 400, "invalid_request", "user is required", "user");
      return;
    }
    if (!(ttl instanceof Integer || ttl instanceof Long) || ((Number) ttl).longValue() < 1
        || ((Number) ttl).longValue() > MAX_TTL_SECONDS) {
      AdminErrors.write(ctx, 400, "invalid_request",
          "ttlSeconds must be an integer between 1 and " + MAX_TTL_SECONDS, "ttlSeconds");
      return;
    }
    int ttlSeconds = ((Number) ttl).intValue();
    String token = SecretTokens.newToken();
    Instant expires = clock.instant().plusSeconds(ttlSeconds);
    OffsetDateTime expiresAt = OffsetDateTime.ofInstant(expires, ZoneOffset.UTC);
    pool.withTransaction(conn -> conn.preparedQuery(INSERT_SESSION)
            .execute(Tuple.of(SecretTokens.hash(token), tenant, userId, expiresAt))
            .compose(rows -> noticeIfMinted(conn, rows, Kind.SESSION, tenant)))
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            AdminErrors.write(ctx, 404, "not_found", "no such tenant or user", null);
            return;
          }
          Responder.write(ctx, 200, new JsonObject()
              .put("jwt", jwts.mint(tenant, userId, ttlSeconds))
              .put("sessionToken", token)
              .put("expiresAt", TimeFormats.isoMillis(expires.toEpochMilli()))
              .toBuffer());
        })
        .onFailure(cause -> AdminErrors.fail(ctx, cause));
  }

  void apiKey(RoutingContext ctx) {
    String key = SecretTokens.newToken();
    String tenant = ctx.pathParam("tenant");
    pool.withTransaction(conn -> conn.preparedQuery(INSERT_API_KEY).execute(Tuple.of(SecretTokens.hash(key), tenant))
            .compose(rows -> noticeIfMinted(conn, rows, Kind.API_KEY, tenant)))
        .onSuccess(rows -> {
          if (rows.rowCount() == 0) {
            AdminErrors.write(ctx, 404, "not_found", "no such tenant", null);
          } else {
            Responder.write(ctx, 201, new JsonObject().put("apiKey", key).toBuffer());
          }
        })
        .onFailure(cause -> AdminErrors.fail(ctx, cause));
  }

  /** Other instances may hold the new credential as unknown: they hear of it when it commits. */
  private static Future<RowSet<Row>> noticeIfMinted(SqlConnection conn, RowSet<Row> rows, Kind kind, String tenant) {
    return rows.rowCount() == 0 ? Future.succeededFuture(rows)
        : ChangeNotice.send(conn, Change.of(kind, tenant)).map(rows);
  }
}
