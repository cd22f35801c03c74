package dev.clianalytics.server.storage.clickhouse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * Group commit: the batches that arrive while another is being written wait for the write turn, and
 * whichever request gets it next writes every waiting batch (up to {@link #maxWeight} events) in
 * one go. ClickHouse prefers few large inserts to many small ones: each insert is a new part on
 * disk and a round trip, so a group of four batches costs about what one did. Writes still take
 * turns, so seqs stay in commit order and duplicate counts exact. A failed group fails each of its
 * batches with the same error, and its writer must have undone what it wrote.
 *
 * @param <B> a batch
 * @param <R> what writing a batch answers
 */
final class GroupCommit<B, R> {
  /** Writes a group of batches in arrival order; answers one result per batch, in that order. */
  @FunctionalInterface
  interface Writer<B, R> {
    List<R> write(List<B> group);
  }

  private static final class Slot<B, R> {
    final B batch;
    boolean done;
    R result;
    RuntimeException failure;

    Slot(B batch) {
      this.batch = batch;
    }
  }

  private final ReentrantLock turn;
  private final ToIntFunction<B> weight;
  private final int maxWeight;
  private final Writer<B, R> writer;
  private final ArrayDeque<Slot<B, R>> waiting = new ArrayDeque<>();

  /**
   * @param turn the storage's write lock, which every write holds
   * @param weight a batch's size (its events); a group holds at least one batch, and more only
   *     while their total stays within {@code maxWeight}
   */
  GroupCommit(ReentrantLock turn, ToIntFunction<B> weight, int maxWeight, Writer<B, R> writer) {
    this.turn = turn;
    this.weight = weight;
    this.maxWeight = maxWeight;
    this.writer = writer;
  }

  /** Writes {@code batch}, alone or in a group, and answers its result or throws its failure. */
  R write(B batch) {
    Slot<B, R> mine = new Slot<>(batch);
    synchronized (waiting) {
      waiting.addLast(mine);
    }
    turn.lock();
    try {
      while (!mine.done) {
        writeGroup(nextGroup());
      }
    } finally {
      turn.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.result;
  }

  private List<Slot<B, R>> nextGroup() {
    List<Slot<B, R>> group = new ArrayList<>();
    int total = 0;
    synchronized (waiting) {
      while (!waiting.isEmpty()) {
        int w = weight.applyAsInt(waiting.peekFirst().batch);
        if (!group.isEmpty() && total + w > maxWeight) {
          break;
        }
        group.add(waiting.removeFirst());
        total += w;
      }
    }
    return group;
  }

  private void writeGroup(List<Slot<B, R>> group) {
    List<B> batches = new ArrayList<>(group.size());
    for (Slot<B, R> s : group) {
      batches.add(s.batch);
    }
    try {
      List<R> results = writer.write(batches);
      if (results.size() != group.size()) {
        throw new IllegalStateException(
            "a group of " + group.size() + " batches answered " + results.size() + " results");
      }
      for (int i = 0; i < group.size(); i++) {
        group.get(i).result = results.get(i);
      }
    } catch (RuntimeException e) {
      for (Slot<B, R> s : group) {
        s.failure = e;
      }
    } finally {
      for (Slot<B, R> s : group) {
        s.done = true;
      }
    }
  }
}
