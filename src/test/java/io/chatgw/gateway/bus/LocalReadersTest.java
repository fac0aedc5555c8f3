package io.chatgw.gateway.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalReadersTest {

  @Test
  void aThreadWithAMessageVerticleGetsItsAddressAndEveryOtherTheSharedOne() throws InterruptedException {
    LocalReaders local = new LocalReaders();
    AtomicReference<String> registered = new AtomicReference<>();
    AtomicReference<String> seen = new AtomicReference<>();
    Thread loop = new Thread(() -> {
      registered.set(local.register());
      seen.set(local.forThisThread());
    });
    loop.start();
    loop.join();
    assertNotEquals(Addresses.HISTORY, registered.get());
    assertEquals(registered.get(), seen.get(), "the verticle's own thread");
    assertEquals(Addresses.HISTORY, local.forThisThread(), "a thread without one");
  }

  @Test
  void anUnregisteredVerticleIsNoLongerChosen() {
    LocalReaders local = new LocalReaders();
    String address = local.register();
    assertEquals(address, local.forThisThread());
    local.unregister(address);
    assertEquals(Addresses.HISTORY, local.forThisThread());
  }
}
