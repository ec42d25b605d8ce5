package org.cooplake.jobs.generate;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** Edmonds–Karp maximum flow on a small dense graph (used to lay out the study design exactly). */
final class MaxFlow {
  private MaxFlow() {}

  /** The flow on every edge of a maximum flow from {@code source} to {@code sink}. */
  static int[][] solve(int[][] capacity, int source, int sink) {
    int n = capacity.length;
    int[][] flow = new int[n][n];
    while (true) {
      int[] parent = new int[n];
      Arrays.fill(parent, -1);
      parent[source] = source;
      Deque<Integer> queue = new ArrayDeque<>();
      queue.add(source);
      while (!queue.isEmpty() && parent[sink] < 0) {
        int u = queue.poll();
        for (int v = 0; v < n; v++) {
          if (parent[v] < 0 && capacity[u][v] - flow[u][v] > 0) {
            parent[v] = u;
            queue.add(v);
          }
        }
      }
      if (parent[sink] < 0) return flow;
      int push = Integer.MAX_VALUE;
      for (int v = sink; v != source; v = parent[v]) push = Math.min(push, capacity[parent[v]][v] - flow[parent[v]][v]);
      for (int v = sink; v != source; v = parent[v]) {
        flow[parent[v]][v] += push;
        flow[v][parent[v]] -= push;
      }
    }
  }
}
