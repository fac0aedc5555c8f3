package io.chatgw.gateway.store;

import io.chatgw.gateway.pgbinaries.BinarySearch;
import io.chatgw.gateway.pgbinaries.Commands;
import io.chatgw.gateway.pgbinaries.PostgresBinaries;
import io.chatgw.gateway.pgbinaries.ServerUser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL cluster on a free loopback port in a temp directory, started from the
 * server binaries {@link PostgresBinaries} finds ({@code PG_BINDIR}, the system's, else PostgreSQL 15
 * from Maven). Used by {@code Main} when no {@code DATABASE_URL} is given and by the tests. All of it
 * blocks, so it runs before Vert.x starts or on a test thread, never on an event loop. As root it
 * runs the binaries as an OS user ({@code PG_OS_USER}, default {@code postgres}, created when
 * missing), because initdb refuses root.
 */
public final class LocalPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  private static final String SUPERUSER = "gateway";
  private static final String DATABASE = "gateway";

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final Optional<String> osUser;
  private volatile boolean running;

  private LocalPostgres(Path bin, Path dataDir, int port, Optional<String> osUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.osUser = osUser;
  }

  /** Creates a new cluster with a database {@code gateway} and starts it, as the environment says. */
  public static LocalPostgres start() {
    Map<String, String> env = System.getenv();
    return start(BinarySearch.fromEnvironment(env, isRoot()), ServerUser.nameFromEnvironment(env));
  }

  /**
   * Creates a new cluster from the binaries {@code search} finds and starts it; as root it runs as
   * the OS user {@code osUserAsRoot} (created when missing).
   */
  public static LocalPostgres start(BinarySearch search, String osUserAsRoot) {
    Path bin = PostgresBinaries.find(search).bin();
    Optional<String> user = Optional.empty();
    if (isRoot()) {
      ServerUser.ensure(osUserAsRoot);
      ServerUser.requireCanRun(osUserAsRoot, bin);
      user = Optional.of(osUserAsRoot);
    }
    try {
      Path dir = Files.createTempDirectory("gateway-pg-");
      if (user.isPresent()) {
        Commands.run(List.of("chown", user.get() + ":", dir.toString()));
      }
      LocalPostgres pg = new LocalPostgres(bin, dir, freePort(), user);
      Path data = dir.resolve("data");
      pg.exec(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
          "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"), "");
      // single-user mode instead of createdb, which not every binary bundle carries (Maven's does not)
      pg.exec(List.of(bin.resolve("postgres").toString(), "--single", "-D", data.toString(),
          "-c", "exit_on_error=on", "-c", "fsync=off", "postgres"), "CREATE DATABASE " + DATABASE + "\n");
      pg.startServer();
      log.info("Started a throwaway PostgreSQL on 127.0.0.1:{} in {}", pg.port, dir);
      return pg;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a throwaway PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** The directory of the server binaries this cluster runs (a replica started next to it needs the same). */
  public Path binDir() {
    return bin;
  }

  /** The OS user the server runs as, when this process is root; empty: as this process's own user. */
  public Optional<String> osUser() {
    return osUser;
  }

  /**
   * A streaming replica of this cluster, from its own binaries, started in a temp directory of its
   * own on another free port; close it like any cluster. With {@code pg_basebackup} (the system's
   * binaries): {@code pg_basebackup -R} (a {@code standby.signal} and {@code primary_conninfo}).
   * Without it (PostgreSQL from Maven carries only initdb, pg_ctl and postgres): a cold copy of the
   * data directory, the server stopped meanwhile (a second or so; a replica is made before anything
   * connects), with the same two settings written by hand. The cluster's {@code pg_hba.conf}
   * (initdb {@code -A trust}) lets 127.0.0.1 replicate, and {@code wal_level=replica} and
   * {@code max_wal_senders=10} are PostgreSQL's defaults.
   */
  public LocalPostgres startReplica() {
    if (!Files.isExecutable(bin.resolve("pg_basebackup"))) {
      return startReplicaByCopy();
    }
    LocalPostgres replica = newReplica();
    replica.exec(List.of(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
        "-U", SUPERUSER, "-D", replica.dataDir.resolve("data").toString(), "-R", "-X", "stream", "-c", "fast",
        "--no-sync"), "");
    return startedReplica(replica);
  }

  /**
   * A replica made without {@code pg_basebackup}: this server is stopped, its data directory copied
   * (a file-system copy of a shut-down cluster is consistent), the copy given a
   * {@code standby.signal} and a {@code primary_conninfo}, and both started. This server is down
   * for that long (a second or so).
   */
  synchronized LocalPostgres startReplicaByCopy() {
    LocalPostgres replica = newReplica();
    Path data = replica.dataDir.resolve("data");
    boolean wasRunning = running;
    stopServer();
    try {
      replica.exec(List.of("cp", "-a", dataDir.resolve("data").toString(), data.toString()), "");
    } finally {
      if (wasRunning) {
        startServer();
      }
    }
    replica.exec(List.of("rm", "-f", data.resolve("postmaster.pid").toString()), "");
    replica.exec(List.of("touch", data.resolve("standby.signal").toString()), "");
    replica.exec(List.of("sh", "-c", "printf '%s\\n' \"$1\" >> \"$2\"", "sh",
        "primary_conninfo = 'host=127.0.0.1 port=" + port + " user=" + SUPERUSER + "'",
        data.resolve("postgresql.auto.conf").toString()), "");
    return startedReplica(replica);
  }

  private LocalPostgres newReplica() {
    try {
      Path dir = Files.createTempDirectory("gateway-pg-replica-");
      if (osUser.isPresent()) {
        Commands.run(List.of("chown", osUser.get() + ":", dir.toString()));
      }
      return new LocalPostgres(bin, dir, freePort(), osUser);
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
        "start"), "");
    running = true;
  }

  /** Stops the server (fast mode: open connections are cut), keeping the cluster's data. */
  public synchronized void stopServer() {
    if (running) {
      exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
          "-m", "fast", "-w", "-t", "60", "stop"), "");
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
    Commands.run(command);
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

  private void exec(List<String> command, String stdin) {
    List<String> full = new ArrayList<>();
    osUser.ifPresent(user -> full.addAll(List.of("runuser", "-u", user, "--")));
    full.addAll(command);
    Commands.run(full, stdin);
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
