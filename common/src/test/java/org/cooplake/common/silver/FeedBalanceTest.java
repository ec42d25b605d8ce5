package org.cooplake.common.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.errors.Errors;
import org.junit.jupiter.api.Test;

/** The row balance of a clean run, and the error a broken balance raises. */
class FeedBalanceTest {

  @Test
  void balancedWhenEveryRowIsSomewhere() {
    assertTrue(new FeedBalance("partners", 7, 1, 3, 2, 1, 2).balanced());
    assertTrue(FeedBalance.none("partners", 4).balanced());
    FeedBalance lost = new FeedBalance("projects", 10, 0, 5, 3, 1, 0);
    assertFalse(lost.balanced());
    assertEquals("10 read + 0 pending before = 10, but 5 current + 3 superseded + 1 quarantined + 0 pending after = 9",
        lost.describe());
  }

  @Test
  void mismatchIsALoudUserFacingError() {
    CooplakeException e = Errors.reconciliationFailed("projects", "run-1", new FeedBalance("projects", 10, 0, 6, 4, 1, 0).describe());
    assertEquals("RECONCILIATION_FAILED", e.code());
    assertTrue(e.userMessage().contains("feed 'projects' do not reconcile in run run-1: 10 read"), e.userMessage());
    assertTrue(e.userMessage().contains("= 11"), e.userMessage());
  }
}
