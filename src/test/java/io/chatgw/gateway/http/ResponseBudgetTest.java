package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process-wide budget of rendered answers not yet taken by their sockets. */
class ResponseBudgetTest {

  @AfterEach
  void restore() {
    ResponseBudget.configure(io.chatgw.gateway.config.PageLimits.DEFAULTS.responseBudgetBytes());
  }

  @Test
  void answersFitUntilTheBudgetIsHeldThenWaitForBytesToBeGivenBack() {
    ResponseBudget.configure(ResponseBudget.held() + 100);
    assertTrue(ResponseBudget.tryTake(60));
    assertFalse(ResponseBudget.tryTake(60), "60 more bytes do not fit in 100");
    ResponseBudget.giveBack(60);
    assertTrue(ResponseBudget.tryTake(60));
    ResponseBudget.giveBack(60);
  }
}
