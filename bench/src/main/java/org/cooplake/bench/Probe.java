package org.cooplake.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.spark.SparkEnv;
import org.apache.spark.memory.MemoryManager;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;

/**
 * What a child measures about itself: peak heap (sum of the heap pools' peak usage, the brief's
 * figure), live heap (heap used just after a full GC, max over the run's full GCs and one forced
 * after each stage), the driver's own part of it, peak resident set (VmHWM), and every Spark job
 * with its call site and duration.
 *
 * <p>In local mode the executor lives in the driver's JVM, so the live heap also holds what a
 * cluster keeps on its executors: cached blocks and the memory running tasks hold (Spark's storage
 * and execution memory). The driver's own part is the live heap minus those, as Spark's memory
 * manager counts them at that moment: what a driver would hold with its executors elsewhere.
 */
final class Probe {
  private final AtomicLong liveAfterFullGc = new AtomicLong();
  private final AtomicLong driverOwnAfterFullGc = new AtomicLong();

  /** One finished Spark job. */
  record Job(int id, String phase, String callSite, long millis) {}

  private Probe() {}

  static Probe start() {
    Probe p = new Probe();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!(gc instanceof NotificationEmitter emitter)) continue;
      emitter.addNotificationListener((n, hb) -> {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // after a young GC the old generation still holds its garbage: only a full GC shows what is live
        if (!info.getGcAction().contains("major")) return;
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
          if (isHeapPool(e.getKey())) used += e.getValue().getUsed();
        }
        p.record(used);
      }, null, null);
    }
    return p;
  }

  /** A full GC now (outside any timed work), recorded like the ones the run triggers itself; its duration in ns. */
  long fullGcNow() {
    long t0 = System.nanoTime();
    System.gc(); // a full collection with the parallel collector
    record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    return System.nanoTime() - t0;
  }

  private void record(long liveHeap) {
    liveAfterFullGc.accumulateAndGet(liveHeap, Math::max);
    driverOwnAfterFullGc.accumulateAndGet(Math.max(0, liveHeap - sparkExecutorMemoryBytes()), Math::max);
  }

  /** Storage (cached blocks) plus execution memory (running tasks) in use, as Spark's memory manager counts them. */
  private static long sparkExecutorMemoryBytes() {
    SparkEnv env = SparkEnv.get();
    if (env == null) return 0;
    MemoryManager m = env.memoryManager();
    return m.storageMemoryUsed() + m.executionMemoryUsed();
  }

  private static boolean isHeapPool(String name) {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals(name)) return pool.getType() == MemoryType.HEAP;
    }
    return false;
  }

  long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  long peakLiveHeapBytes() {
    return liveAfterFullGc.get();
  }

  long peakDriverOwnHeapBytes() {
    return driverOwnAfterFullGc.get();
  }

  /** VmHWM of /proc/self/status in bytes (-1 where there is no /proc). */
  static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Counts Spark jobs per phase (the caller names the phase it is in) and keeps their call sites and durations. */
  static final class JobLog extends SparkListener {
    private volatile String phase = "setup";
    private final Map<Integer, long[]> started = new ConcurrentHashMap<>();
    private final Map<Integer, String> sites = new ConcurrentHashMap<>();
    private final Map<Integer, String> phases = new ConcurrentHashMap<>();
    private final List<Job> done = new ArrayList<>();

    void phase(String name) {
      phase = name;
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
      started.put(e.jobId(), new long[] {e.time()});
      // the result stage's name is the job's call site, e.g. "collectAsList at IngestJob.java:95"
      String site = "?";
      int last = -1;
      for (StageInfo s : scala.jdk.javaapi.CollectionConverters.asJava(e.stageInfos())) {
        if (s.stageId() > last) {
          last = s.stageId();
          site = s.name();
        }
      }
      sites.put(e.jobId(), site);
      phases.put(e.jobId(), phase);
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd e) {
      long[] t = started.remove(e.jobId());
      synchronized (done) {
        done.add(new Job(e.jobId(), phases.remove(e.jobId()), sites.remove(e.jobId()), t == null ? 0 : e.time() - t[0]));
      }
    }

    List<Job> jobs() {
      synchronized (done) {
        return List.copyOf(done);
      }
    }
  }
}
