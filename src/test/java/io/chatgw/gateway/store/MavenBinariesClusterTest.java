package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.pgbinaries.BinarySearch;
import io.chatgw.gateway.pgbinaries.Commands;
import io.chatgw.gateway.pgbinaries.MavenBinaries;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TwoTenants;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL 15 binaries from Maven, for real, even on a machine that has system ones
 * (PG_BINARIES=maven's path): unpacked once into a fresh cache (two racing unpacks share one copy),
 * a throwaway cluster started from them (as root: as a freshly created OS user), and a real
 * gateway importing and serving a room from that cluster.
 */
class MavenBinariesClusterTest {

  private Path cache;
  private String freshUser;

  @BeforeEach
  void readableCache() throws IOException {
    // not a JUnit @TempDir: that is 0700, and as root the server's OS user must read the cache
    cache = Files.createTempDirectory("chatgw-maven-pg-");
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
    freshUser = "chatgw-t" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
  }

  @AfterEach
  void cleanUp() throws IOException {
    if (isRoot() && Commands.attempt(List.of("id", "-u", freshUser), "").exitCode() == 0) {
      Commands.run(List.of("userdel", freshUser));
    }
    try (Stream<Path> files = Files.walk(cache)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void twoRacingUnpacksShareOneCompleteCopyAndLeaveNoTemporaryDirectory() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Callable<Path> unpack = () -> {
        go.await();
        return MavenBinaries.unpack(cache);
      };
      Future<Path> first = pool.submit(unpack);
      Future<Path> second = pool.submit(unpack);
      go.countDown();
      Path bin = first.get();
      assertEquals(bin, second.get());
      assertEquals(cache.resolve("postgres-" + MavenBinaries.version() + "-linux-amd64/bin"), bin);
      try (Stream<Path> entries = Files.list(cache)) {
        assertEquals(List.of(bin.getParent()), entries.toList(), "one copy, no .unpacking- leftovers");
      }
      assertTrue(Files.isExecutable(bin.resolve("postgres")));
      assertTrue(Files.isSymbolicLink(bin.resolveSibling("lib/libpq.so.5")));
      assertEquals("postgres (PostgreSQL) 15.19", Commands.run(List.of(bin.resolve("postgres").toString(),
          "--version")).trim());
      long unpackedAt = Files.getLastModifiedTime(bin.resolve("initdb")).toMillis();
      assertEquals(bin, MavenBinaries.unpack(cache));
      assertEquals(unpackedAt, Files.getLastModifiedTime(bin.resolve("initdb")).toMillis(), "not unpacked again");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aGatewayServesARoomFromAClusterOfTheMavenBinaries() throws Exception {
    try (LocalPostgres pg = LocalPostgres.start(BinarySearch.maven(cache), freshUser)) {
      assertEquals(MavenBinaries.home(cache).resolve("bin"), pg.binDir());
      Path proc = Path.of("/proc/" + pg.serverPid());
      assertEquals(pg.binDir().resolve("postgres").toRealPath(), Files.readSymbolicLink(proc.resolve("exe")),
          "the server runs the binary from the cache");
      long serverUid = (Integer) Files.getAttribute(proc, "unix:uid");
      if (isRoot()) {
        assertEquals(java.util.Optional.of(freshUser), pg.osUser());
        assertEquals(Commands.run(List.of("id", "-u", freshUser)).trim(), String.valueOf(serverUid),
            "the server runs as the OS user created for it");
      } else {
        assertEquals(Commands.run(List.of("id", "-u")).trim(), String.valueOf(serverUid));
      }
      try (TestGateway gateway = TestGateway.start(c -> c.withDatabaseUrl(pg.url()));
          Http http = new Http(gateway.port())) {
        Row version = gateway.sql().query("SHOW server_version").execute().await().iterator().next();
        assertEquals("15.19", version.getString(0));
        TwoTenants tenants = TwoTenants.load(http, "maven-pg");
        Http.Response page = http.get("/consumer/api/v1/chatRoom/" + TwoTenants.ROOM_ID + "/messages?auth="
            + tenants.keyA());
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains(TwoTenants.TEXT), page.body());
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "user.name", matches = "root", disabledReason = "only root switches users")
  void asRootACacheTheServerUserCannotReadStopsWithWhatToDo(@TempDir Path privateDir) {
    // @TempDir is 0700: root can unpack into it, the server's OS user cannot enter it
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LocalPostgres.start(BinarySearch.maven(privateDir), freshUser).close());
    assertTrue(e.getMessage().startsWith("the OS user " + freshUser + " cannot run "), e.getMessage());
    assertTrue(e.getMessage().contains("set PG_CACHE_DIR elsewhere"), e.getMessage());
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
