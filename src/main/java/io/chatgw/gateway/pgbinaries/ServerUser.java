package io.chatgw.gateway.pgbinaries;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS user a root process runs the throwaway cluster as ({@code initdb} refuses root):
 * {@code PG_OS_USER}, by default {@code postgres}, created as a system user without a home when
 * there is none.
 */
public final class ServerUser {

  private static final Logger log = LoggerFactory.getLogger(ServerUser.class);
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

  private ServerUser() {}

  public static String nameFromEnvironment(Map<String, String> env) {
    String name = env.getOrDefault("PG_OS_USER", "").trim();
    return name.isEmpty() ? "postgres" : name;
  }

  /** Makes sure the OS user {@code name} exists, creating it when it does not. */
  public static void ensure(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalStateException("PG_OS_USER must be a plain user name, not " + name);
    }
    if (exists(name)) {
      return;
    }
    Commands.Result added = Commands.attempt(List.of("useradd", "--system", "--user-group", "--no-create-home",
        "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name), "");
    if (added.exitCode() != 0 && !exists(name)) {   // a racing process may have created it meanwhile
      throw new IllegalStateException("cannot create the OS user " + name + " that runs the throwaway "
          + "PostgreSQL (initdb refuses root): " + added.output().trim());
    }
    log.info("Created the OS user {} to run the throwaway PostgreSQL (initdb refuses root)", name);
  }

  /** Fails with what to do when {@code name} cannot run the server binaries in {@code bin}. */
  public static void requireCanRun(String name, Path bin) {
    Commands.Result version = Commands.attempt(
        List.of("runuser", "-u", name, "--", bin.resolve("postgres").toString(), "--version"), "");
    if (version.exitCode() != 0) {
      throw new IllegalStateException("the OS user " + name + " cannot run " + bin.resolve("postgres")
          + " (every directory above it must be readable and searchable by that user; set PG_CACHE_DIR "
          + "elsewhere): " + version.output().trim());
    }
  }

  private static boolean exists(String name) {
    return Commands.attempt(List.of("id", "-u", name), "").exitCode() == 0;
  }
}
