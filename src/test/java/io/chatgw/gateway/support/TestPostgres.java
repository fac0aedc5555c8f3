package io.chatgw.gateway.support;

import io.chatgw.gateway.store.LocalPostgres;

/**
 * One throwaway PostgreSQL per test run (initdb once, fsync off), or the server named by
 * {@code DATABASE_URL}. Tests isolate themselves by tenant, not by database.
 */
public final class TestPostgres {

  private static LocalPostgres local;
  private static String url;

  private TestPostgres() {}

  public static synchronized String url() {
    if (url == null) {
      String env = System.getenv("DATABASE_URL");
      if (env != null && !env.isBlank()) {
        url = env;
      } else {
        local = LocalPostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(local::close, "test-postgres-cleanup"));
        url = local.url();
      }
    }
    return url;
  }

  /** The local cluster, for tests that stop and start it; null when DATABASE_URL is used. */
  public static synchronized LocalPostgres local() {
    url();
    return local;
  }
}
