package io.chatgw.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The import gate: so many run, so many wait (in arrival order), the rest are refused at once. */
class ImportGateTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void runsTwoQueuesOneAndRefusesTheNext() {
    ImportGate gate = new ImportGate(2, 1);
    assertTrue(gate.enter(vertx).succeeded());
    assertTrue(gate.enter(vertx).succeeded());
    Future<Void> waiting = gate.enter(vertx);
    assertFalse(waiting.isComplete(), "the third waits");
    Future<Void> refused = gate.enter(vertx);
    assertInstanceOf(ImportGate.Busy.class, refused.cause(), "the fourth is refused");
    gate.leave();
    waiting.await();
    assertEquals(2, gate.active(), "the waiting import took the slot");
    gate.leave();
    gate.leave();
    assertEquals(0, gate.active());
    assertTrue(gate.enter(vertx).succeeded());
  }
}
