package io.chatgw.gateway.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar gateway.jar postgres --url-file F}: starts the project's throwaway PostgreSQL,
 * writes its URL to F, and keeps it until the process is stopped (used by the benchmark harness).
 */
@Command(name = "postgres", mixinStandardHelpOptions = true,
    description = "Run a throwaway PostgreSQL until stopped; write its URL to a file.")
public final class PostgresCommand implements Callable<Integer> {

  @Option(names = "--url-file", required = true, description = "where to write the database URL")
  Path urlFile;

  @Override
  public Integer call() throws Exception {
    LocalPostgres pg = LocalPostgres.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pg.close();
      stopped.countDown();
    }, "throwaway-postgres-stop"));
    Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
    Files.writeString(tmp, pg.url() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, urlFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    stopped.await();
    return 0;
  }
}
