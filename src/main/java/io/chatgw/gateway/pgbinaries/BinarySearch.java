package io.chatgw.gateway.pgbinaries;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the throwaway cluster looks for PostgreSQL server binaries, from the environment:
 * {@code PG_BINDIR} (a directory that must hold them), {@code PG_BINARIES} ({@code auto}: PG_BINDIR,
 * then the system's, then the ones from Maven; {@code maven}: only those), and {@code PG_CACHE_DIR}
 * (where the Maven ones are unpacked).
 */
public record BinarySearch(Optional<Path> pgBindir, boolean mavenOnly, Path cacheDir) {

  /** As root the cache must be readable by the OS user that runs the server, so not {@code /root/.cache}. */
  static final Path ROOT_CACHE = Path.of("/var/cache/chatgw");

  public static BinarySearch fromEnvironment(Map<String, String> env, boolean root) {
    Optional<Path> bindir = nonBlank(env.get("PG_BINDIR")).map(Path::of);
    String binaries = nonBlank(env.get("PG_BINARIES")).orElse("auto");
    if (!binaries.equals("auto") && !binaries.equals("maven")) {
      throw new IllegalStateException("PG_BINARIES must be auto or maven, not " + binaries);
    }
    Path cache = nonBlank(env.get("PG_CACHE_DIR")).map(Path::of).orElseGet(() -> defaultCache(env, root));
    return new BinarySearch(bindir, binaries.equals("maven"), cache);
  }

  /** Only the binaries from Maven, unpacked below {@code cacheDir}. */
  public static BinarySearch maven(Path cacheDir) {
    return new BinarySearch(Optional.empty(), true, cacheDir);
  }

  private static Path defaultCache(Map<String, String> env, boolean root) {
    if (root) {
      return ROOT_CACHE;
    }
    return nonBlank(env.get("XDG_CACHE_HOME")).map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache"))
        .resolve("chatgw");
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }
}
