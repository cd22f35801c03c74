package dev.clianalytics.client;

/**
 * Waits for the SDK's own threads after a test: a primer still writing the install id into a test's
 * temporary directory would otherwise race that directory's deletion (the SDK leaves its daemon
 * threads running past {@code close()} when nothing is left to send).
 */
public final class SdkThreads {
  private SdkThreads() {}

  /** Joins every thread whose name starts with {@code cli-analytics-}, up to 10 s each. */
  public static void awaitEnd() throws InterruptedException {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("cli-analytics-")) {
        t.join(10_000);
      }
    }
  }
}
