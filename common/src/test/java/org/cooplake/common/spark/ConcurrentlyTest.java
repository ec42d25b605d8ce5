package org.cooplake.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

  @Test
  void resultsKeepTheInputOrderWhateverOrderTheActionsFinishIn() {
    List<Integer> out = Concurrently.map(3, List.of(30, 10, 20, 0), ms -> {
      sleep(ms);
      return ms * 2;
    });
    assertEquals(List.of(60, 20, 40, 0), out);
  }

  @Test
  void runsUpToTheGivenNumberAtOnce() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    // each action waits for the other: only finishes when two run at the same time
    List<Boolean> out = Concurrently.map(2, List.of("a", "b"), x -> {
      both.countDown();
      try {
        return both.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(List.of(true, true), out);
  }

  @Test
  void oneThreadRunsInTheCallersThreadInOrder() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> out = Concurrently.map(1, List.of(1, 2, 3), x -> {
      threads.add(Thread.currentThread().getName());
      return x;
    });
    assertEquals(List.of(1, 2, 3), out);
    assertEquals(Set.of(Thread.currentThread().getName()), threads);
  }

  @Test
  void theFirstFailureInInputOrderIsRethrownAfterEveryActionFinished() {
    IllegalArgumentException first = new IllegalArgumentException("first");
    AtomicInteger finished = new AtomicInteger();
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> Concurrently.map(3, List.of(0, 1, 2, 3), i -> {
      sleep(i == 0 ? 50 : 0); // the first input fails last
      finished.incrementAndGet();
      if (i == 0) throw first;
      if (i == 2) throw new IllegalStateException("second");
      return i;
    }));
    assertSame(first, thrown);
    assertEquals(4, finished.get());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
