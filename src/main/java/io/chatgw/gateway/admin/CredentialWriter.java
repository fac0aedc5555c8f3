package io.chatgw.gateway.admin;

import io.chatgw.gateway.auth.SecretTokens;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores imported credentials (tenant API keys, session tokens) by their hash, refusing one that
 * another tenant already holds: a credential names its tenant, so an import must never move it.
 */
final class CredentialWriter {

  /** Keys are only ever added; the RETURNING tenant tells a key that belongs to another tenant. */
  static final String ADD_API_KEY = """
      INSERT INTO api_key (key_hash, tenant_id) VALUES ($1, $2)
      ON CONFLICT (key_hash) DO UPDATE SET key_hash = EXCLUDED.key_hash
      RETURNING tenant_id""";
  /**
   * A token of the same tenant is updated (its user and expiry, any user of that tenant); a token
   * of another tenant is left as it is and returns no row.
   */
  static final String UPSERT_SESSION = """
      INSERT INTO session (token_hash, tenant_id, user_pk, expires_at)
      VALUES ($1, $2, (SELECT pk FROM app_user WHERE tenant_id = $2 AND id = $3), $4)
      ON CONFLICT (token_hash) DO UPDATE SET user_pk = EXCLUDED.user_pk, expires_at = EXCLUDED.expires_at
        WHERE session.tenant_id = EXCLUDED.tenant_id
      RETURNING tenant_id""";

  private CredentialWriter() {}

  static Future<Void> apiKeys(SqlConnection conn, List<Entities.Tenant> tenants) {
    Owned owned = new Owned();
    for (Entities.Tenant t : tenants) {
      for (int i = 0; i < t.apiKeys().size(); i++) {
        owned.add(Tuple.of(SecretTokens.hash(t.apiKeys().get(i)), t.id()), t.id(), t.path() + ".apiKeys[" + i + "]");
      }
    }
    return owned.write(conn, ADD_API_KEY, "key belongs to another tenant");
  }

  static Future<Void> sessions(SqlConnection conn, List<Entities.Session> sessions) {
    Owned owned = new Owned();
    for (Entities.Session s : sessions) {
      owned.add(Tuple.of(SecretTokens.hash(s.token()), s.tenant(), s.user(), s.expiresAt()), s.tenant(),
          s.path() + ".token");
    }
    return owned.write(conn, UPSERT_SESSION, "token belongs to another tenant");
  }

  /** Rows to write, each with the tenant its statement must return, and where it came from. */
  private static final class Owned {
    final List<Tuple> rows = new ArrayList<>();
    final List<String> tenants = new ArrayList<>();
    final List<String> paths = new ArrayList<>();

    void add(Tuple row, String tenant, String path) {
      rows.add(row);
      tenants.add(tenant);
      paths.add(path);
    }

    Future<Void> write(SqlConnection conn, String sql, String refusal) {
      if (rows.isEmpty()) {
        return Future.succeededFuture();
      }
      return conn.preparedQuery(sql).executeBatch(rows).compose(result -> {
        RowSet<Row> rs = result;
        for (int i = 0; rs != null; i++, rs = rs.next()) {
          String owner = rs.size() == 0 ? null : rs.iterator().next().getString(0);
          if (!tenants.get(i).equals(owner)) {
            return Future.failedFuture(new ImportError(paths.get(i), refusal));
          }
        }
        return Future.succeededFuture();
      });
    }
  }
}
