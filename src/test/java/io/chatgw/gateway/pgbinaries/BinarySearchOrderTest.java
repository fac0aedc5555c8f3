package io.chatgw.gateway.pgbinaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order the throwaway cluster looks for server binaries in: PG_BINDIR, the system's, then the
 * ones from Maven; PG_BINARIES=maven takes only those. Directories here hold stand-in executables
 * (never run), so the order is checked whatever this machine has installed.
 */
class BinarySearchOrderTest {

  @TempDir
  Path temp;

  @Test
  void pgBindirComesBeforeTheSystemBinaries() throws IOException {
    Path explicit = fakeBinaries("explicit");
    Path sys = fakeBinaries("sys");
    PostgresBinaries found = PostgresBinaries.find(
        new BinarySearch(Optional.of(explicit), false, temp.resolve("cache")), () -> List.of(sys));
    assertEquals(new PostgresBinaries(explicit, "PG_BINDIR"), found);
  }

  @Test
  void aPgBindirWithoutServerBinariesStopsInsteadOfFallingThrough() throws IOException {
    Path empty = Files.createDirectory(temp.resolve("empty"));
    Path sys = fakeBinaries("sys");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresBinaries.find(
        new BinarySearch(Optional.of(empty), false, temp.resolve("cache")), () -> List.of(sys)));
    assertTrue(e.getMessage().startsWith("PG_BINDIR=" + empty + " holds no PostgreSQL server binaries"),
        e.getMessage());
  }

  @Test
  void theFirstSystemDirectoryWithServerBinariesIsUsed() throws IOException {
    Path clientOnly = Files.createDirectory(temp.resolve("client-only"));
    Files.createFile(clientOnly.resolve("psql")).toFile().setExecutable(true);
    Path server = fakeBinaries("server");
    PostgresBinaries found = PostgresBinaries.find(
        new BinarySearch(Optional.empty(), false, temp.resolve("cache")), () -> List.of(clientOnly, server));
    assertEquals(new PostgresBinaries(server, "system"), found);
  }

  @Test
  void withoutSystemBinariesTheMavenOnesAreUnpackedIntoTheCache() {
    Path cache = temp.resolve("cache");
    PostgresBinaries found = PostgresBinaries.find(new BinarySearch(Optional.empty(), false, cache), List::of);
    assertEquals(MavenBinaries.home(cache).resolve("bin"), found.bin());
    assertEquals("PostgreSQL " + MavenBinaries.version() + " from Maven, no system PostgreSQL found", found.origin());
    assertTrue(PostgresBinaries.serverBinaries(found.bin()));
  }

  @Test
  void pgBinariesMavenSkipsTheSystemBinaries() throws IOException {
    Map<String, String> env = Map.of("PG_BINARIES", "maven", "PG_CACHE_DIR", temp.resolve("c").toString());
    Path sys = fakeBinaries("sys");
    PostgresBinaries found = PostgresBinaries.find(BinarySearch.fromEnvironment(env, false), () -> List.of(sys));
    assertEquals(MavenBinaries.home(temp.resolve("c")).resolve("bin"), found.bin());
  }

  @Test
  void theCacheIsTheUsersOwnUnlessRootWhoseCacheTheServerUserCanRead() {
    assertEquals(Path.of("/xdg/chatgw"), BinarySearch.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), false)
        .cacheDir());
    assertEquals(Path.of(System.getProperty("user.home"), ".cache", "chatgw"),
        BinarySearch.fromEnvironment(Map.of(), false).cacheDir());
    assertEquals(Path.of("/var/cache/chatgw"), BinarySearch.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), true)
        .cacheDir());
    assertEquals(Path.of("/elsewhere"), BinarySearch.fromEnvironment(Map.of("PG_CACHE_DIR", "/elsewhere"), true)
        .cacheDir());
  }

  @Test
  void anUnknownPgBinariesValueStops() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BinarySearch.fromEnvironment(Map.of("PG_BINARIES", "system"), false));
    assertEquals("PG_BINARIES must be auto or maven, not system", e.getMessage());
  }

  private Path fakeBinaries(String name) throws IOException {
    Path bin = Files.createDirectories(temp.resolve(name).resolve("bin"));
    for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
      assertTrue(Files.createFile(bin.resolve(tool)).toFile().setExecutable(true));
    }
    return bin;
  }
}
