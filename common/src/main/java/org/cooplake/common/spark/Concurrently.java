package org.cooplake.common.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent driver-side work from a few threads at once: Spark actions, landing-file
 * inspection. A run issues many small Spark jobs
 * (a check query, a table write, a Delta commit) whose driver work (planning, code generation,
 * commits) leaves the executors idle; with two or three in flight one's driver work overlaps
 * another's tasks. Results keep the order of the inputs; the first failure, in input order, is
 * rethrown as it was thrown, after every action has finished.
 */
public final class Concurrently {
  private Concurrently() {}

  public static <T, R> List<R> map(int threads, List<T> items, Function<T, R> action) {
    if (threads <= 1 || items.size() <= 1) return items.stream().map(action).toList();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
      Thread t = new Thread(r, "cooplake-concurrent");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) futures.add(pool.submit(() -> action.apply(item)));
      List<R> out = new ArrayList<>();
      RuntimeException first = null;
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (first == null) first = unchecked(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          if (first == null) first = new IllegalStateException("interrupted while waiting for Spark actions", e);
        }
      }
      if (first != null) throw first;
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static RuntimeException unchecked(Throwable t) {
    if (t instanceof RuntimeException r) return r;
    if (t instanceof Error e) throw e;
    return new IllegalStateException(t);
  }
}
