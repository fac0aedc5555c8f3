package io.chatgw.gateway.support;

import io.chatgw.gateway.store.LocalPostgres;

/**
 * One throwaway PostgreSQL per test run (initdb once, fsync off), or the server named by
 * {@code DATABASE_URL}. Tests isolate themselves by tenant, not by database; a test that needs
 * the database to fail puts a {@link FaultyDatabase} in front of it instead of stopping it.
 */
public final class TestPostgres {

  private static String url;

  private TestPostgres() {}

  public static synchronized String url() {
    if (url == null) {
      String env = System.getenv("DATABASE_URL");
      if (env != null && !env.isBlank()) {
        url = env;
      } else {
        LocalPostgres local = LocalPostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(local::close, "test-postgres-cleanup"));
        url = local.url();
      }
    }
    return url;
  }
}
