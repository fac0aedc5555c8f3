package io.chatgw.gateway.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (the Debian package; {@code .ci/ensure-nginx} installs it when it is missing, and
 * when that fails so does the test) started with the shipped {@code conf/nginx.conf}: only its
 * listen address, upstream servers, file paths and worker count are replaced, each replacement
 * checked to apply exactly once, so the example cannot drift from what is tested.
 */
public final class Nginx implements AutoCloseable {

  private static final Path SHIPPED = Path.of("conf", "nginx.conf");
  private static final List<String> TEMP_PATHS = List.of("client-body", "proxy", "fastcgi", "uwsgi", "scgi");

  private final Process process;
  private final Path dir;
  private final int port;

  private Nginx(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts nginx on a free loopback port in front of the gateways on {@code upstreamPorts} (two). */
  public static Nginx start(int... upstreamPorts) throws IOException, InterruptedException {
    String binary = binary();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "nginx-");
    int port = TestGateway.freePort();
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config(Files.readString(SHIPPED), dir, port, upstreamPorts, version(binary)));
    run(List.of(binary, "-t", "-p", dir + "/", "-e", dir.resolve("error.log").toString(), "-c", conf.toString()),
        "nginx -t refused the generated configuration " + conf);
    Process process = new ProcessBuilder(binary, "-p", dir + "/", "-e", dir.resolve("error.log").toString(),
        "-c", conf.toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    Nginx nginx = new Nginx(process, dir, port);
    nginx.awaitListening();
    return nginx;
  }

  public int port() {
    return port;
  }

  /** The access log as written so far (nginx writes each line when the request ends). */
  public String accessLog() {
    Path log = dir.resolve("access.log");
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code nginx} on PATH or in /usr/sbin, installed by {@code .ci/ensure-nginx} when missing. */
  static String binary() throws IOException, InterruptedException {
    String found = find();
    if (found == null) {
      run(List.of("bash", ".ci/ensure-nginx"), "nginx is missing and .ci/ensure-nginx could not install it");
      found = find();
    }
    if (found == null) {
      throw new IllegalStateException("nginx not found after .ci/ensure-nginx (PATH, /usr/sbin/nginx)");
    }
    return found;
  }

  private static String find() {
    List<String> candidates = new ArrayList<>();
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(entry + "/nginx");
    }
    candidates.add("/usr/sbin/nginx");
    return candidates.stream().filter(c -> new File(c).canExecute()).findFirst().orElse(null);
  }

  private static String version(String binary) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary, "-V").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  /** The shipped file with this run's addresses and paths; {@code -V} says which temp paths exist. */
  static String config(String shipped, Path dir, int port, int[] upstreams, String version) {
    boolean root = "root".equals(System.getProperty("user.name"));
    String conf = once(shipped, "user www-data;", root ? "user root;" : "");
    conf = once(conf, "worker_processes auto;", "worker_processes 1;");
    conf = once(conf, "pid /run/nginx.pid;", "pid " + dir.resolve("nginx.pid") + ";");
    conf = once(conf, "error_log /var/log/nginx/error.log warn;", "error_log " + dir.resolve("error.log") + " warn;");
    conf = once(conf, "access_log /var/log/nginx/gateway-access.log gateway;",
        "access_log " + dir.resolve("access.log") + " gateway;");
    conf = once(conf, "listen 80;", "listen 127.0.0.1:" + port + ";");
    conf = once(conf, "server 10.0.0.11:8080 ", "server 127.0.0.1:" + upstreams[0] + " ");
    conf = once(conf, "server 10.0.0.12:8080 ", "server 127.0.0.1:" + upstreams[1] + " ");
    StringBuilder temp = new StringBuilder("http {\n");
    for (String kind : TEMP_PATHS) {
      if (version.contains("--http-" + kind + "-temp-path=")) {
        temp.append("  ").append(kind.replace('-', '_')).append("_temp_path ").append(dir.resolve(kind)).append(";\n");
      }
    }
    return once(conf, "http {\n", temp.toString());
  }

  private static String once(String text, String what, String replacement) {
    int at = text.indexOf(what);
    if (at < 0 || text.indexOf(what, at + 1) >= 0) {
      throw new IllegalStateException("conf/nginx.conf must contain '" + what.strip() + "' exactly once");
    }
    return text.substring(0, at) + replacement + text.substring(at + what.length());
  }

  private static void run(List<String> command, String failure) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(failure + ":\n" + out);
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
            + Files.readString(dir.resolve("error.log")));
      }
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx does not listen on " + port);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: nginx's fast shutdown
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
