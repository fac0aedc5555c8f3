package io.chatgw.gateway.pgbinaries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of PostgreSQL server binaries ({@code initdb}, {@code pg_ctl}, {@code postgres}) the
 * throwaway cluster runs, and where it came from. The order: {@code PG_BINDIR}, the system's
 * ({@code pg_config --bindir}, {@code /usr/lib/postgresql/<newest>/bin}), then the ones from Maven.
 */
public record PostgresBinaries(Path bin, String origin) {

  private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

  public static PostgresBinaries find(BinarySearch search) {
    PostgresBinaries found = find(search, PostgresBinaries::systemDirectories);
    log.info("PostgreSQL server binaries: {} ({})", found.bin(), found.origin());
    return found;
  }

  static PostgresBinaries find(BinarySearch search, Supplier<List<Path>> system) {
    if (search.mavenOnly()) {
      return maven(search, "from Maven, PG_BINARIES=maven");
    }
    if (search.pgBindir().isPresent()) {
      Path dir = search.pgBindir().get();
      if (!serverBinaries(dir)) {
        throw new IllegalStateException("PG_BINDIR=" + dir + " holds no PostgreSQL server binaries "
            + "(initdb, pg_ctl, postgres)");
      }
      return new PostgresBinaries(dir, "PG_BINDIR");
    }
    Optional<Path> installed = system.get().stream().filter(PostgresBinaries::serverBinaries).findFirst();
    return installed.map(dir -> new PostgresBinaries(dir, "system"))
        .orElseGet(() -> maven(search, "from Maven, no system PostgreSQL found"));
  }

  private static PostgresBinaries maven(BinarySearch search, String why) {
    return new PostgresBinaries(MavenBinaries.unpack(search.cacheDir()),
        "PostgreSQL " + MavenBinaries.version() + " " + why);
  }

  static boolean serverBinaries(Path dir) {
    return Stream.of("initdb", "pg_ctl", "postgres").allMatch(name -> Files.isExecutable(dir.resolve(name)));
  }

  /** {@code pg_config --bindir} (it ships in libpq-dev, so often absent), then the Debian layout, newest first. */
  static List<Path> systemDirectories() {
    List<Path> dirs = new ArrayList<>();
    Commands.Result pgConfig;
    try {
      pgConfig = Commands.attempt(List.of("pg_config", "--bindir"), "");
      if (pgConfig.exitCode() == 0) {
        dirs.add(Path.of(pgConfig.output().trim()));
      }
    } catch (IllegalStateException absent) {
      // no pg_config on the PATH
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions.sorted(Comparator.comparing(PostgresBinaries::majorVersion).reversed())
          .forEach(v -> dirs.add(v.resolve("bin")));
    } catch (IOException noDebianPackage) {
      // no /usr/lib/postgresql
    }
    return dirs;
  }

  private static double majorVersion(Path dir) {
    try {
      return Double.parseDouble(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
