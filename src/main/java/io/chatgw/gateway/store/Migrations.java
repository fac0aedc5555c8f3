package io.chatgw.gateway.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the SQL files under {@code db/} in the jar, in version order, each once. An advisory
 * lock makes concurrent start-ups of several gateways safe.
 */
public final class Migrations {

  /** Every migration, in order. A new one is a new file here and a new line below. */
  private static final List<String> FILES = List.of("V001__schema.sql", "V002__imkit_page.sql", "V003__live_page.sql",
      "V004__page_function_rows.sql", "V005__live_page_rows.sql", "V006__user_description_optional.sql",
      "V007__tenant_rate_limit.sql", "V008__message_extras_flags.sql", "V009__change_position.sql");
  private static final long LOCK_KEY = 0x6761746577L;

  record Migration(int version, String sql) {}

  private final List<Migration> migrations;

  private Migrations(List<Migration> migrations) {
    this.migrations = migrations;
  }

  /** Reads the SQL files from the classpath: blocking, so call it before Vert.x starts. */
  public static Migrations load() {
    return new Migrations(FILES.stream().map(Migrations::read).toList());
  }

  private static Migration read(String file) {
    int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
    try (InputStream in = Migrations.class.getResourceAsStream("/db/" + file)) {
      if (in == null) {
        throw new IllegalStateException("migration " + file + " missing from the jar");
      }
      return new Migration(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + file, e);
    }
  }

  public Future<Integer> apply(Pool pool) {
    return pool.withTransaction(conn -> conn
        .preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
        .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS schema_version ("
            + "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())").execute())
        .compose(v -> conn.query("SELECT version FROM schema_version").execute())
        .compose(rows -> {
          Set<Integer> applied = new HashSet<>();
          for (Row row : rows) {
            applied.add(row.getInteger(0));
          }
          Future<Integer> chain = Future.succeededFuture(0);
          for (Migration m : migrations) {
            if (!applied.contains(m.version())) {
              chain = chain.compose(n -> applyOne(conn, m).map(n + 1));
            }
          }
          return chain;
        }));
  }

  private static Future<Void> applyOne(SqlConnection conn, Migration m) {
    return conn.query(m.sql()).execute()
        .compose(v -> conn.preparedQuery("INSERT INTO schema_version (version) VALUES ($1)")
            .execute(Tuple.of(m.version())))
        .mapEmpty();
  }
}
