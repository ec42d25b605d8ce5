package org.cooplake.jobs.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses spellings, styles and events. The study sample uses {@link #rotating()}, which cycles
 * through every choice of a kind in turn (so every variant is sure to appear, in exact
 * proportions); scaled runs use {@link #random(long)}.
 */
interface Picker {
  /** An index in [0, n) for a choice of the given kind. */
  int pick(String kind, int n);

  /** True with probability p (for the rotating picker: exactly every 1/p-th time). */
  boolean chance(String kind, double p);

  default <T> T pick(String kind, List<T> options) {
    return options.get(pick(kind, options.size()));
  }

  /** A choice among options that belong to one value (e.g. one country's spellings): rotates per value. */
  <T> T pick(String kind, String value, List<T> options);

  static Picker rotating() {
    return new Rotating();
  }

  static Picker random(long seed) {
    return new Random(new SplittableRandom(seed));
  }

  final class Rotating implements Picker {
    private final Map<String, Integer> turns = new HashMap<>();
    private final Map<String, Double> credit = new HashMap<>();

    @Override
    public int pick(String kind, int n) {
      int turn = turns.merge(kind, 1, Integer::sum) - 1;
      return Math.floorMod(turn, n);
    }

    @Override
    public <T> T pick(String kind, String value, List<T> options) {
      return pick(kind + ":" + value, options);
    }

    @Override
    public boolean chance(String kind, double p) {
      double c = credit.getOrDefault(kind, 0.5) + p;
      boolean yes = c >= 1.0;
      credit.put(kind, yes ? c - 1.0 : c);
      return yes;
    }
  }

  final class Random implements Picker {
    private final SplittableRandom rng;

    Random(SplittableRandom rng) {
      this.rng = rng;
    }

    @Override
    public int pick(String kind, int n) {
      return rng.nextInt(n);
    }

    @Override
    public <T> T pick(String kind, String value, List<T> options) {
      return options.get(rng.nextInt(options.size()));
    }

    @Override
    public boolean chance(String kind, double p) {
      return rng.nextDouble() < p;
    }
  }
}
