package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A bulkhead runs so many calls, queues so many, and refuses the rest with a 503 at once. */
class BulkheadTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void runsOneQueuesOneAndRefusesTheThird() {
    Bulkhead bulkhead = new Bulkhead(1, 1, 10_000);
    Promise<String> first = Promise.promise();
    Future<String> running = bulkhead.run(vertx, () -> first.future());
    Future<String> queued = bulkhead.run(vertx, () -> Future.succeededFuture("second"));
    Future<String> refused = bulkhead.run(vertx, () -> Future.succeededFuture("third"));
    assertFalse(queued.isComplete(), "the second waits for the first");
    assertTrue(refused.failed());
    assertEquals(503, ((GatewayError) refused.cause()).status());
    first.complete("first");
    assertEquals("first", running.await());
    assertEquals("second", queued.await());
    assertEquals(0, bulkhead.active());
  }

  @Test
  void aCallThatWaitedPastItsLimitIs503() throws Exception {
    Bulkhead bulkhead = new Bulkhead(1, 1, 50);
    Promise<String> first = Promise.promise();
    bulkhead.run(vertx, () -> first.future());
    Future<String> late = bulkhead.run(vertx, () -> Future.succeededFuture("late"));
    Thread.sleep(120); // the JUnit thread, not an event loop
    first.complete("first");
    late.otherwiseEmpty().await();
    assertTrue(late.failed(), "the late call ran");
    assertEquals(503, ((GatewayError) late.cause()).status());
    assertEquals(0, bulkhead.active());
  }

  @Test
  void withoutAWaitLimitAWaitingCallGetsThePlaceHoweverLongItWaited() throws Exception {
    Bulkhead imports = Bulkhead.withoutWaitLimit(1, 1);
    assertTrue(imports.enter(vertx).succeeded());
    Future<Void> waiting = imports.enter(vertx);
    assertEquals(503, ((GatewayError) imports.enter(vertx).cause()).status(), "no more than one waits");
    Thread.sleep(100); // the JUnit thread, not an event loop
    imports.leave();
    waiting.await();
    assertEquals(1, imports.active(), "the waiting call took the place");
    imports.leave();
    assertEquals(0, imports.active());
  }
}
