package io.chatgw.gateway.support;

import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Hammers a queue of ours (a bulkhead, a tenant's share) from several event loops at once with
 * calls that end at random: at once or after 0-2 ms, succeeding, failing or throwing. Each
 * context keeps a number of requests outstanding and starts the next as one ends. It checks every
 * request on its own (its call ran at most once; a request whose call never ran was refused with a
 * 503; one whose call ran got exactly the call's result) and, while the load runs, a caller's
 * invariant sampled from the JUnit thread (a waiter while a place is free: a lost wake-up).
 * Unhandled exceptions on any context (a promise completed twice) count as anomalies too.
 */
public final class QueueHammer {

  /** The queue under test: runs {@code call} for a request of {@code tenant} (when it takes one). */
  @FunctionalInterface
  public interface Gate {
    Future<String> submit(int tenant, Supplier<Future<String>> call);
  }

  /** What the run saw. {@code unfinished}: requests whose future never completed. */
  public record Report(long requests, long ran, long refused, long refusedAfterWaiting, long unfinished,
      long invariantBreaks, int maxConcurrent, List<String> anomalies) {

    public String summary() {
      return requests + " requests, " + ran + " ran, " + refused + " refused (" + refusedAfterWaiting
          + " after waiting), " + unfinished + " unfinished, "
          + invariantBreaks + " invariant breaks, at most " + maxConcurrent + " calls at once, anomalies "
          + anomalies.subList(0, Math.min(5, anomalies.size())) + (anomalies.size() > 5 ? " …" : "");
    }
  }

  private final Vertx vertx;
  private final int contexts;
  private final int requestsPerContext;
  private final int outstandingPerContext;
  private final int tenants;
  private final long seed;

  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private final AtomicLong ran = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong refusedAfterWaiting = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  private final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();

  public QueueHammer(Vertx vertx, int contexts, int requestsPerContext, int outstandingPerContext, int tenants,
      long seed) {
    this.vertx = vertx;
    this.contexts = contexts;
    this.requestsPerContext = requestsPerContext;
    this.outstandingPerContext = outstandingPerContext;
    this.tenants = tenants;
    this.seed = seed;
    vertx.exceptionHandler(e -> anomalies.add("unhandled on a context: " + e));
  }

  /** Runs the load; samples {@code broken} (true: the invariant does not hold) until it is over. */
  public Report run(Gate gate, BooleanSupplier broken, long timeoutMillis) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(contexts);
    for (int c = 0; c < contexts; c++) {
      Context context = vertx.getOrCreateContext(); // a new event-loop context each, round robin
      Random random = new Random(seed * 31 + c);
      context.runOnContext(v -> new Loop(gate, random, done).begin());
    }
    long invariantBreaks = 0;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!done.await(0, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
      if (broken.getAsBoolean()) {
        invariantBreaks++;
      }
      Thread.onSpinWait();
    }
    long requests = (long) contexts * requestsPerContext;
    return new Report(requests, ran.get(), refused.get(), refusedAfterWaiting.get(), requests - finished.get(),
        invariantBreaks,
        maxConcurrent.get(), new ArrayList<>(anomalies));
  }

  /** One context's requests, {@code outstandingPerContext} at a time; runs only on its context. */
  private final class Loop {
    private final Gate gate;
    private final Random random;
    private final CountDownLatch done;
    private int issued;
    private int ended;

    Loop(Gate gate, Random random, CountDownLatch done) {
      this.gate = gate;
      this.random = random;
      this.done = done;
    }

    void begin() {
      for (int i = 0; i < outstandingPerContext; i++) {
        next();
      }
    }

    private void next() {
      if (issued == requestsPerContext) {
        return;
      }
      int id = issued++;
      AtomicInteger calls = new AtomicInteger();
      String value = "ok-" + id;
      RuntimeException failure = new RuntimeException("call " + id + " failed", null);
      int behaviour = random.nextInt(100);
      long delay = random.nextInt(3);
      Future<String> answer;
      try {
        answer = gate.submit(random.nextInt(tenants), () -> call(calls, behaviour, delay, value, failure));
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      boolean atOnce = answer.isComplete();
      answer.onComplete(ar -> {
        if (calls.get() == 0 && !atOnce) {
          refusedAfterWaiting.incrementAndGet();
        }
        check(id, calls.get(), ar.succeeded() ? ar.result() : null, ar.cause(), value, failure, behaviour);
        finished.incrementAndGet();
        if (++ended == requestsPerContext) {
          done.countDown();
        } else if (calls.get() == 0) {
          // refused: a client backs off a little (1-10 ms), else refusals would use up the requests
          vertx.setTimer(1 + random.nextInt(10), t -> next());
        } else {
          // from the context's queue: an answer can come at once, and a chain of them would recurse
          Vertx.currentContext().runOnContext(v -> next());
        }
      });
    }

    /** 10 % succeed at once, 5 % fail at once, 5 % throw, the rest end after 0-2 ms (a fifth of them failing). */
    private Future<String> call(AtomicInteger calls, int behaviour, long delay, String value, RuntimeException failure) {
      if (calls.incrementAndGet() > 1) {
        anomalies.add("a call ran twice");
      }
      ran.incrementAndGet();
      int now = concurrent.incrementAndGet();
      maxConcurrent.accumulateAndGet(now, Math::max);
      if (behaviour < 10) {
        concurrent.decrementAndGet();
        return Future.succeededFuture(value);
      } else if (behaviour < 15) {
        concurrent.decrementAndGet();
        return Future.failedFuture(failure);
      } else if (behaviour < 20) {
        concurrent.decrementAndGet();
        throw failure;
      }
      Promise<String> promise = Promise.promise();
      Runnable end = () -> {
        concurrent.decrementAndGet();
        if (behaviour < 36) {
          promise.fail(failure);
        } else {
          promise.complete(value);
        }
      };
      if (delay == 0) {
        Vertx.currentContext().runOnContext(v -> end.run());
      } else {
        vertx.setTimer(delay, t -> end.run());
      }
      return promise.future();
    }

    private void check(int id, int calls, String result, Throwable cause, String value, RuntimeException failure,
        int behaviour) {
      if (calls > 1) {
        return; // already counted by call()
      }
      if (calls == 0) {
        refused.incrementAndGet();
        if (!(cause instanceof GatewayError error && error.status() == GatewayError.UNAVAILABLE)) {
          anomalies.add("request " + id + " never ran and ended with " + (cause == null ? result : cause));
        }
        return;
      }
      boolean shouldFail = behaviour >= 10 && behaviour < 36;
      if (shouldFail ? cause != failure : !value.equals(result)) {
        anomalies.add("request " + id + " ran and ended with " + (cause == null ? result : cause)
            + " instead of its call's " + (shouldFail ? "failure" : "value"));
      }
    }
  }
}
