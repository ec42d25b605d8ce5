package org.cooplake.jobs.generate;

/** Independent 64-bit seeds from a run seed and a position (subject, file, …): SplitMix64 mixing. */
final class Seeds {
  private Seeds() {}

  static long of(long seed, long... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
