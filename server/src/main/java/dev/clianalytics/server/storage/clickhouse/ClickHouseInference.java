package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.InferPartition;
import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.StorageUnavailableException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inference on ClickHouse (docs/scaling-out.md, "Inference and reports"). Without transactions, an
 * inference appends rows tagged with a new generation and commits by one row in {@code
 * inference_runs} after its work returned; the views reports read show committed generations only.
 * Inferences of this instance take turns; instances sharing a database infer at once only for
 * different shares of the actors ({@link InferPartition}), or for the same share wasting work.
 */
final class ClickHouseInference implements InferenceStore {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ClickHouseInference.class);
  private final ClickHouseStorage storage;
  private final ReentrantLock turn = new ReentrantLock();
  private final SeqClock gens = new SeqClock(Clock.systemUTC());
  private boolean gensSeeded;

  private final InferPartition partition;

  ClickHouseInference(ClickHouseStorage storage, InferPartition partition) {
    this.storage = storage;
    this.partition = partition;
  }

  InferPartition partition() {
    return partition;
  }

  @Override
  public <T> T exclusively(InferenceWork<T> work) {
    turn.lock();
    try {
      try (ClickHouseInferenceTx tx = new ClickHouseInferenceTx(storage, this, newGen())) {
        T result = work.run(tx);
        if (!tx.commit() && tx.finishedWork()) {
          LOG.info(
              "another instance inferred share {} at the same time; this inference's rows are"
                  + " discarded",
              partition);
        }
        return result;
      }
    } finally {
      turn.unlock();
    }
  }

  /** Deletes derived rows, and then raw ones, between inferences. */
  @FunctionalInterface
  interface Deletion {
    long run(DerivedDeletes derived) throws SQLException;
  }

  /**
   * Runs {@code deletion} between inferences of this instance, so that no inference reads rows
   * before they go and writes what it derived from them after.
   */
  long deleting(Deletion deletion) {
    turn.lock();
    try {
      return deletion.run(new DerivedDeletes(storage.sql(), partition, this::newGen));
    } catch (SQLException e) {
      throw new StorageUnavailableException(storage + " failed: " + e.getMessage(), e);
    } finally {
      turn.unlock();
    }
  }

  /** A generation above every one used so far, by any instance. */
  synchronized long newGen() {
    if (!gensSeeded) {
      gens.atLeast(storage.sql().queryLong("SELECT max(gen) FROM inference_runs"));
      gensSeeded = true;
    }
    return gens.reserve(1);
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    try {
      return work.run(new ClickHouseReads(storage.sql()));
    } catch (SQLException e) {
      throw new StorageUnavailableException(storage + " failed: " + e.getMessage(), e);
    }
  }
}
