package dev.clianalytics.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap still in use right after a garbage collection since the last reset, in MiB: what
 * the work really kept alive, not garbage waiting to be collected.
 */
final class HeapPeak {
  private static final AtomicLong PEAK = new AtomicLong();

  static {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  var info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  long used = 0;
                  for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                    used += u.getUsed();
                  }
                  PEAK.accumulateAndGet(used, Math::max);
                }
              },
              null,
              null);
    }
  }

  private HeapPeak() {}

  static void reset() {
    System.gc();
    PEAK.set(0);
  }

  static long mib() {
    long live = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    return Math.max(PEAK.get(), 0) == 0 ? live / (1024 * 1024) : PEAK.get() / (1024 * 1024);
  }
}
