package dev.clianalytics.client.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A bounded file of sanitized events (one JSON object a line) that could not be sent before exit,
 * delivered by a later run. One file per destination URL, so events never reach a server other than
 * the one they were meant for. When full, the oldest events are dropped first. Every access holds a
 * file lock, waited for at most {@link #LOCK_WAIT_MS}, so concurrent runs never lose each other's
 * lines and a stuck lock never stalls a tool.
 */
final class Spool {
  static final int MAX_EVENTS = 1_000;
  static final long MAX_BYTES = 1L << 20;
  static final long LOCK_WAIT_MS = 200;

  /** Serializes access within one JVM: file locks are per process, not per thread. */
  private static final Object JVM_LOCK = new Object();

  private final Path file;
  private final Path lockFile;
  private final int maxEvents;
  private final long maxBytes;

  Spool(Path file, int maxEvents, long maxBytes) {
    if (maxEvents < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "spool bounds must be positive, were " + maxEvents + " events, " + maxBytes + " bytes");
    }
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /**
   * The spool for events bound to {@code url}. The name carries a 64-bit FNV-1a hash of the URL:
   * plenty to keep a handful of destinations apart, computed in a few lines where a message digest
   * or even {@code CRC32C} (which builds its tables when first used) costs a short-lived tool
   * milliseconds.
   */
  static Spool forDestination(Path cacheDir, URI url) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : url.toString().getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    String key = HexFormat.of().toHexDigits(hash);
    return new Spool(cacheDir.resolve("spool-" + key + ".jsonl"), MAX_EVENTS, MAX_BYTES);
  }

  Path file() {
    return file;
  }

  /** Adds events after those already spooled, dropping the oldest beyond the bounds. */
  void append(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    locked(
        () -> {
          List<String> all = read();
          all.addAll(lines);
          write(newest(all));
          return null;
        });
  }

  /** Returns every spooled event, oldest first, and empties the spool. */
  List<String> takeAll() throws IOException {
    if (!Files.exists(file)) {
      return new ArrayList<>(); // the common case, answered without taking the lock
    }
    return locked(
        () -> {
          List<String> all = read();
          Files.deleteIfExists(file);
          return all;
        });
  }

  /** The newest lines that fit both bounds, oldest first. */
  List<String> newest(List<String> lines) {
    Deque<String> kept = new ArrayDeque<>();
    long bytes = 0;
    for (int i = lines.size() - 1; i >= 0 && kept.size() < maxEvents; i--) {
      String line = lines.get(i);
      long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      kept.addFirst(line);
    }
    return new ArrayList<>(kept);
  }

  private List<String> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return new ArrayList<>();
    }
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("{")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private void write(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    Path tmp = RandomIds.tempSibling(file);
    try {
      Files.write(tmp, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private interface IoAction<T> {
    T run() throws IOException;
  }

  private <T> T locked(IoAction<T> action) throws IOException {
    synchronized (JVM_LOCK) {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = acquire(channel);
        try {
          return action.run();
        } finally {
          lock.release();
        }
      }
    }
  }

  private static FileLock acquire(FileChannel channel) throws IOException {
    long deadline = System.nanoTime() + LOCK_WAIT_MS * 1_000_000;
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "spool is locked by another process for over " + LOCK_WAIT_MS + " ms");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the spool lock", e);
      }
    }
  }
}
