package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.SessionResult;
import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.SessionSpan;
import dev.clianalytics.server.storage.derived.EventCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operations of one inference inside {@link InferenceStore#exclusively}. Event scans stream in
 * inference order (actor, timestamp, event id) with a bounded fetch size; derived rows are written
 * in bulk and become visible when the inference commits.
 */
public interface InferenceTx {

  /** Where the previous inference stopped. */
  InferenceState state();

  /** The highest stored seq now (0 when no events); the upper bound of this run. */
  long lastSeq();

  /** The newest event timestamp among events with seq at most {@code throughSeq}, or null. */
  Instant newestTimestamp(long throughSeq);

  /** How many events have {@code afterSeq < seq <= throughSeq}. */
  long countEvents(long afterSeq, long throughSeq);

  /**
   * The end of a slice of at most {@code n} events after {@code afterSeq}: the seq of the {@code
   * n}-th stored event with {@code afterSeq < seq <= throughSeq}, or {@code throughSeq} when there
   * are fewer. A store may count copies of one event apart, ending the slice earlier.
   */
  long sliceEnd(long afterSeq, long throughSeq, long n);

  /**
   * Streams events with {@code afterSeq < seq <= throughSeq} in inference order. A store may leave
   * out what inference does not read: the error message and the platform.
   */
  void forEachEvent(long afterSeq, long throughSeq, Consumer<Event> sink);

  /**
   * Streams, in inference order, the events with seq at most {@code throughSeq} of each range's key
   * whose timestamps lie within the range (inclusive). Ranges must not overlap. As in {@link
   * #forEachEvent}, the error message and platform may be left out.
   */
  void forEachEventIn(List<Recompute> ranges, long throughSeq, Consumer<Event> sink);

  /**
   * Stored sessions of {@code around}'s keys that end no earlier than {@code margin} before a
   * range's start and start no later than {@code margin} after its end.
   */
  List<SessionSpan> sessionsNear(List<Recompute> around, Duration margin);

  /**
   * Stored sessions that are open, or closed but ending less than {@code timeout} before {@code
   * horizon}: the only ones whose open flag can differ at {@code horizon}.
   */
  List<SessionSpan> sessionsPossiblyOpen(Instant horizon, Duration timeout);

  /** Deletes these sessions and every row derived from them. */
  void deleteSessions(Collection<String> sessionIds);

  /**
   * Starts a full recomputation: the derived rows written from now on replace every stored one when
   * {@link #finish} runs. Until then the stored rows are left alone (on PostgreSQL readers keep
   * seeing them); call before writing anything.
   */
  void replaceAllDerived();

  /** Writes one session's results (its previous rows must have been deleted). */
  void write(SessionResult result);

  /**
   * Appends the sums in {@code counts} to the daily event and error counts and empties it. Several
   * calls may add to the same key: the reports add rows up.
   */
  void count(EventCounts counts);

  /** Flushes pending rows and records where this inference stopped. */
  void finish(long lastSeq, Instant horizon, String fingerprint);
}
