package io.chatgw.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's share of the pool (docs/decisions.md, Fair sharing): at most {@code share} of its
 * calls run at once, the next ones wait first come first served in a bounded queue, the rest get a
 * 503 with {@code Retry-After: 1} at once; a waiter past the deadline gets the same 503 and never
 * runs. Other tenants are not held back, and a tenant with nothing running leaves nothing behind.
 */
class TenantShareTest {

  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A call the test completes by hand, noting when it was started. */
  static final class Call {
    final Promise<String> done = Promise.promise();
    final CountDownLatch started = new CountDownLatch(1);

    Future<String> start() {
      started.countDown();
      return done.future();
    }

    boolean isStarted() {
      return started.getCount() == 0;
    }
  }

  @Test
  void oneRunsOneWaitsAndTheNextIsRefusedAtOnce() throws InterruptedException {
    TenantShare share = new TenantShare(vertx, 1, 1, 60_000);
    Call first = new Call();
    Call second = new Call();
    Call third = new Call();
    Future<String> one = share.run("a", first::start);
    Future<String> two = share.run("a", second::start);
    Future<String> three = share.run("a", third::start);

    assertTrue(first.isStarted());
    assertFalse(second.isStarted());
    assertBusy(three);
    assertFalse(third.isStarted());

    first.done.complete("first");
    assertTrue(second.started.await(5, TimeUnit.SECONDS), "the waiter starts when the running call completes");
    assertEquals("first", one.await());
    second.done.complete("second");
    assertEquals("second", two.await());
    eventually(() -> share.tenantsHeld() == 0);
  }

  @Test
  void aLoneTenantRunsPastItsShareWhileThePoolIsNotBusyAndAnotherTenantStillGetsItsShare()
      throws InterruptedException {
    TenantShare share = new TenantShare(vertx, 1, 3, 8, 60_000); // share 1, past it below 3 in flight
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Call call = new Call();
      calls.add(call);
      share.run("a", call::start);
    }
    assertTrue(calls.get(0).isStarted() && calls.get(1).isStarted() && calls.get(2).isStarted(),
        "a lone tenant takes the idle pool");
    assertFalse(calls.get(3).isStarted(), "the fourth waits: three are in flight");
    Call other = new Call();
    share.run("b", other::start);
    assertTrue(other.isStarted(), "another tenant always gets its share");
    calls.get(0).done.complete("done");
    Thread.sleep(100); // the JUnit thread
    assertFalse(calls.get(3).isStarted(), "still three in flight (two of a, one of b): a waits");
    other.done.complete("done");
    calls.get(1).done.complete("done");
    assertTrue(calls.get(3).started.await(5, TimeUnit.SECONDS), "a's waiter starts once the pool is not busy");
    calls.get(2).done.complete("done");
    calls.get(3).done.complete("done");
    eventually(() -> share.tenantsHeld() == 0);
  }

  @Test
  void aWaiterPastTheDeadlineIs503AndNeverRuns() throws InterruptedException {
    TenantShare share = new TenantShare(vertx, 1, 1, 200);
    Call first = new Call();
    Call second = new Call();
    share.run("a", first::start);
    long asked = System.nanoTime();
    Future<String> two = share.run("a", second::start);

    eventually(two::isComplete);
    assertTrue(System.nanoTime() - asked >= TimeUnit.MILLISECONDS.toNanos(190), "not before the deadline");
    assertBusy(two);
    first.done.complete("first");
    Thread.sleep(100);
    assertFalse(second.isStarted());
    eventually(() -> share.tenantsHeld() == 0);
  }

  @Test
  void waitersStartFirstComeFirstServed() {
    TenantShare share = new TenantShare(vertx, 1, 3, 60_000);
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Promise<String> first = Promise.promise();
    share.run("a", first::future);
    List<Future<String>> waiting = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int n = i;
      waiting.add(share.run("a", () -> {
        order.add(n);
        return Future.succeededFuture("w" + n);
      }));
    }
    first.complete("first");
    Future.all(waiting).await();
    assertEquals(List.of(1, 2, 3), order);
  }

  @Test
  void anotherTenantIsNotHeldBack() {
    TenantShare share = new TenantShare(vertx, 1, 0, 60_000);
    Call a = new Call();
    share.run("a", a::start);
    assertBusy(share.run("a", () -> Future.succeededFuture("refused")));
    assertEquals("b", share.run("b", () -> Future.succeededFuture("b")).await());
    assertEquals(1, share.tenantsHeld(), "b left nothing behind");
  }

  @Test
  void aCallThatThrowsGivesItsPlaceBack() {
    TenantShare share = new TenantShare(vertx, 1, 0, 60_000);
    Future<String> thrown = share.run("a", () -> {
      throw new IllegalStateException("boom");
    });
    assertTrue(thrown.failed());
    assertEquals("ok", share.run("a", () -> Future.succeededFuture("ok")).await());
    assertEquals(0, share.tenantsHeld());
  }

  @Test
  void callersOnManyEventLoopsNeverExceedTheShare() {
    TenantShare share = new TenantShare(vertx, 2, 1000, 60_000);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Future<String>> all = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch submitted = new CountDownLatch(4);
    for (int loop = 0; loop < 4; loop++) {
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> {
        for (int i = 0; i < 50; i++) {
          all.add(share.run("a", () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Promise<String> done = Promise.promise();
            vertx.setTimer(1, id -> {
              running.decrementAndGet();
              done.complete("ok");
            });
            return done.future();
          }));
        }
        submitted.countDown();
      });
    }
    eventually(() -> submitted.getCount() == 0);
    Future.all(new ArrayList<>(all)).await();
    assertEquals(200, all.size());
    assertTrue(most.get() <= 2, "at most the share at once: " + most.get());
    assertEquals(2, most.get(), "and the share is used");
    eventually(() -> share.tenantsHeld() == 0);
  }

  private static void assertBusy(Future<String> refused) {
    assertTrue(refused.failed(), "refused at once");
    GatewayError error = (GatewayError) refused.cause();
    assertEquals(503, error.status());
    assertEquals("1", error.headers().get("Retry-After"));
  }

  private static void eventually(BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not reached within 5 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
