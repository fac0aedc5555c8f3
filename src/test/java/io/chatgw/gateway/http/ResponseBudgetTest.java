package io.chatgw.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    long refused = ResponseBudget.refused();
    assertFalse(ResponseBudget.tryTake(60), "60 more bytes do not fit in 100");
    assertEquals(refused + 1, ResponseBudget.refused(), "counted for gateway_history_shed_total{cause=\"response_budget\"}");
    ResponseBudget.giveBack(60);
    assertTrue(ResponseBudget.tryTake(60));
    ResponseBudget.giveBack(60);
  }
}
