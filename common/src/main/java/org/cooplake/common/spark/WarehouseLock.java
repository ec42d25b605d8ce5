package org.cooplake.common.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.cooplake.common.errors.Errors;

/**
 * An exclusive OS lock on a file in the warehouse. The OS releases it when the process dies, so a
 * killed run never leaves a lock that needs cleaning by hand.
 */
public final class WarehouseLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final Path infoFile;

  private WarehouseLock(FileChannel channel, FileLock lock, Path infoFile) {
    this.channel = channel;
    this.lock = lock;
    this.infoFile = infoFile;
  }

  /** Takes the lock named {@code name} in {@code dir}, or fails at once with who holds it. */
  public static WarehouseLock acquire(Path warehouse, Path dir, String name) {
    return acquire(dir, name, holder -> Errors.warehouseInUse(warehouse, holder));
  }

  /** The run lock: one pipeline run at a time per warehouse, whatever the catalog. */
  public static WarehouseLock acquireRun(Path warehouse, Path dir) {
    return acquire(dir, "run", holder -> Errors.runInProgress(warehouse, holder));
  }

  /** Takes the lock named {@code name} in {@code dir}, or throws {@code whenHeld}'s error naming the holder. */
  public static WarehouseLock acquire(Path dir, String name,
      java.util.function.Function<String, org.cooplake.common.errors.CooplakeException> whenHeld) {
    try {
      Files.createDirectories(dir);
      Path lockFile = dir.resolve(name + ".lock");
      Path info = dir.resolve(name + ".holder");
      FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        l = null; // held by this JVM already
      }
      if (l == null) {
        ch.close();
        String holder = Files.isRegularFile(info) ? Files.readString(info, StandardCharsets.UTF_8).strip() : "";
        throw whenHeld.apply(holder);
      }
      Files.writeString(info, "pid " + ProcessHandle.current().pid() + ", "
          + ManagementFactory.getRuntimeMXBean().getName() + ", since " + Instant.now(), StandardCharsets.UTF_8);
      return new WarehouseLock(ch, l, info);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(infoFile);
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS drops the lock with the process anyway
    }
  }
}
