package io.chatgw.gateway.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL cluster started from the system's server binaries, on a free loopback
 * port in a temp directory. Used by {@code Main} when no {@code DATABASE_URL} is given and by the
 * tests. All of it blocks, so it runs before Vert.x starts or on a test thread, never on an event
 * loop. As root it runs the binaries as the {@code postgres} OS user, because initdb refuses root.
 */
public final class LocalPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  private static final String SUPERUSER = "gateway";
  private static final String DATABASE = "gateway";

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asPostgresUser;
  private volatile boolean running;

  private LocalPostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates a new cluster with a database {@code gateway} and starts it. */
  public static LocalPostgres start() {
    Path bin = findBinaries();
    boolean root = isRoot();
    try {
      Path dir = Files.createTempDirectory("gateway-pg-");
      if (root) {
        run(List.of("chown", "postgres:postgres", dir.toString()), false);
      }
      LocalPostgres pg = new LocalPostgres(bin, dir, freePort(), root);
      pg.exec(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
      pg.startServer();
      pg.exec(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
          String.valueOf(pg.port), "-U", SUPERUSER, DATABASE));
      log.info("Started a throwaway PostgreSQL on 127.0.0.1:{} in {}", pg.port, dir);
      return pg;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a throwaway PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * A streaming replica of this cluster, from its own binaries, started in a temp directory of its
   * own on another free port: {@code pg_basebackup -R} (a {@code standby.signal} and
   * {@code primary_conninfo}) when the binaries have it, else {@link #startReplicaByCopy}. The
   * cluster's default {@code pg_hba.conf} (initdb {@code -A trust}) already lets 127.0.0.1
   * replicate, and {@code wal_level=replica} and {@code max_wal_senders=10} are PostgreSQL's
   * defaults. Close it like any cluster.
   */
  public LocalPostgres startReplica() {
    if (!Files.isExecutable(bin.resolve("pg_basebackup"))) {
      return startReplicaByCopy();
    }
    LocalPostgres replica = newReplica();
    replica.exec(List.of(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
        "-U", SUPERUSER, "-D", replica.dataDir.resolve("data").toString(), "-R", "-X", "stream", "-c", "fast",
        "--no-sync"));
    return startedReplica(replica);
  }

  /**
   * A replica made without {@code pg_basebackup} (binaries that carry only initdb, pg_ctl and
   * postgres): this server is stopped, its data directory copied (a file-system backup of a shut
   * down cluster is consistent), the copy given a {@code standby.signal} and a
   * {@code primary_conninfo}, and both started. This server is down for that long.
   */
  LocalPostgres startReplicaByCopy() {
    LocalPostgres replica = newReplica();
    Path data = replica.dataDir.resolve("data");
    stopServer();
    exec(List.of("cp", "-a", dataDir.resolve("data").toString(), data.toString()));
    try {
      Files.writeString(data.resolve("standby.signal"), "");
      Files.writeString(data.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + port
          + " user=" + SUPERUSER + "'\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot make " + data + " a standby: " + e.getMessage(), e);
    }
    if (asPostgresUser) {
      run(List.of("chown", "-R", "postgres:postgres", data.toString()), false);
    }
    startServer();
    return startedReplica(replica);
  }

  private LocalPostgres newReplica() {
    try {
      Path dir = Files.createTempDirectory("gateway-pg-replica-");
      if (asPostgresUser) {
        run(List.of("chown", "postgres:postgres", dir.toString()), false);
      }
      return new LocalPostgres(bin, dir, freePort(), asPostgresUser);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a replica: " + e.getMessage(), e);
    }
  }

  private LocalPostgres startedReplica(LocalPostgres replica) {
    replica.startServer();
    log.info("Started a streaming replica of 127.0.0.1:{} on 127.0.0.1:{} in {}", port, replica.port,
        replica.dataDir);
    return replica;
  }

  public String url() {
    return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + DATABASE;
  }

  /** Starts the server of an existing cluster (again), on the same port. */
  public synchronized void startServer() {
    exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
        "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            + " -c max_connections=200",
        "start"));
    running = true;
  }

  /** Stops the server (fast mode: open connections are cut), keeping the cluster's data. */
  public synchronized void stopServer() {
    if (running) {
      exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
          "-m", "fast", "-w", "-t", "60", "stop"));
      running = false;
    }
  }

  /** The postmaster's process id, read from its pid file. */
  public long serverPid() {
    try {
      return Long.parseLong(Files.readAllLines(dataDir.resolve("data/postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new IllegalStateException("no postmaster.pid: is the server running?", e);
    }
  }

  /** Freezes the server and every backend with SIGSTOP (fault tests: a hung database). */
  public void freeze() {
    signalAll("-STOP");
  }

  /** Resumes a frozen server with SIGCONT. */
  public void thaw() {
    signalAll("-CONT");
  }

  private void signalAll(String signal) {
    if (!running) {
      return;
    }
    long pid = serverPid();
    List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(pid)));
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(c -> command.add(String.valueOf(c.pid()))));
    run(command, false);
  }

  @Override
  public synchronized void close() {
    try {
      stopServer();
    } catch (RuntimeException e) {
      log.warn("Stopping the throwaway PostgreSQL failed: {}", e.getMessage());
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", dataDir, e.getMessage());
    }
  }

  private void exec(List<String> command) {
    run(command, asPostgresUser);
  }

  private static void run(List<String> command, boolean asPostgresUser) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("command failed: " + String.join(" ", full) + "\n"
            + new String(out, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + full.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", full), e);
    }
  }

  static Path findBinaries() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("PG_BINDIR");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        candidates.add(Path.of(out));
      }
    } catch (IOException | InterruptedException ignored) {
      // pg_config is often absent (it ships in libpq-dev); the Debian layout below is the fallback
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
    } catch (IOException ignored) {
      // no Debian PostgreSQL installed
    }
    return candidates.stream()
        .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them with "
                + "`apt-get install postgresql` (Debian package 'postgresql', which brings "
                + "/usr/lib/postgresql/<version>/bin), set PG_BINDIR, or set DATABASE_URL to use an "
                + "existing server."));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
