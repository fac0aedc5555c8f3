package io.chatgw.gateway.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar gateway.jar postgres --url-file F [--replica-url-file R] [--control]}: starts the
 * project's throwaway PostgreSQL, writes its URL to F, and keeps it until the process is stopped
 * (the benchmark and reliability harnesses use it). With {@code --replica-url-file} it also starts
 * a streaming replica of it ({@link LocalPostgres#startReplica}) and writes the replica's URL to R
 * (before F, so F existing means both are up), for {@code DATABASE_READ_URL}. With
 * {@code --control} it reads commands from standard input, one a line — {@code stop},
 * {@code start}, {@code freeze}, {@code thaw}, and for the replica {@code replica-stop},
 * {@code replica-start} — and answers {@code ok <command>} on standard output when done.
 */
@Command(name = "postgres", mixinStandardHelpOptions = true,
    description = "Run a throwaway PostgreSQL until stopped; write its URL to a file.")
public final class PostgresCommand implements Callable<Integer> {

  @Option(names = "--url-file", required = true, description = "where to write the database URL")
  Path urlFile;

  @Option(names = "--replica-url-file", description = "also start a streaming replica; where to write its URL")
  Path replicaUrlFile;

  @Option(names = "--control", description = "take stop/start/freeze/thaw commands on standard input")
  boolean control;

  /** A replica of {@code pg}; when it cannot be made, {@code pg} is closed too (nothing is left behind). */
  private static LocalPostgres replicaOf(LocalPostgres pg) {
    try {
      return pg.startReplica();
    } catch (RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  @Override
  public Integer call() throws Exception {
    LocalPostgres pg = LocalPostgres.start();
    LocalPostgres replica = replicaUrlFile == null ? null : replicaOf(pg);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (replica != null) {
        replica.close();
      }
      pg.thaw();
      pg.close();
      stopped.countDown();
    }, "throwaway-postgres-stop"));
    if (replica != null) {
      writeAtomically(replicaUrlFile, replica.url());
    }
    writeAtomically(urlFile, pg.url());
    if (control) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        switch (line.trim()) {
          case "stop" -> pg.stopServer();
          case "start" -> pg.startServer();
          case "freeze" -> pg.freeze();
          case "thaw" -> pg.thaw();
          case "replica-stop" -> {
            if (replica == null) {
              System.out.println("unknown " + line.trim() + " (no --replica-url-file)");
              continue;
            }
            replica.stopServer();
          }
          case "replica-start" -> {
            if (replica == null) {
              System.out.println("unknown " + line.trim() + " (no --replica-url-file)");
              continue;
            }
            replica.startServer();
          }
          default -> {
            System.out.println("unknown " + line.trim());
            continue;
          }
        }
        System.out.println("ok " + line.trim());
        System.out.flush();
      }
    }
    stopped.await();
    return 0;
  }

  private static void writeAtomically(Path file, String url) throws java.io.IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, url + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
