package dev.clianalytics.server.ingest;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.FieldError;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates items, applies the server's privacy rules, assigns missing event ids and stores the
 * valid events in one transaction. Returns only after the database has committed them.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /** The reason given for an event the privacy rules could not process. */
  static final String UNPROCESSABLE =
      "the privacy rules could not process this event, so it was not stored; shorten or simplify"
          + " its text fields";

  private final Database database;
  private final Privacy privacy;
  private final Metrics metrics;

  /** The event rules: {@link Privacy#apply}, replaced in tests by a rule that fails. */
  private final UnaryOperator<Event> rules;

  public IngestService(Database database, Privacy privacy, Metrics metrics) {
    this(database, privacy, metrics, privacy::apply);
  }

  IngestService(Database database, Privacy privacy, Metrics metrics, UnaryOperator<Event> rules) {
    this.database = database;
    this.privacy = privacy;
    this.metrics = metrics;
    this.rules = rules;
  }

  /** Checks and stores {@code items}; invalid ones are reported by index, the rest are stored. */
  public IngestResult ingest(List<?> items, Instant receivedAt) {
    List<Event> valid = new ArrayList<>(items.size());
    List<IngestResult.Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      switch (check(items.get(i), receivedAt)) {
        case Validation.Valid v -> valid.add(v.event());
        case Validation.Invalid inv -> rejected.add(new IngestResult.Rejection(i, inv.errors()));
      }
    }
    metrics.events(0, 0, rejected.size());
    Storage.InsertResult stored = store(valid, receivedAt);
    return new IngestResult(stored.accepted(), stored.duplicates(), rejected, valid);
  }

  /** Stores events that passed {@link #check}; durable when it returns. */
  public Storage.InsertResult store(List<Event> events, Instant receivedAt) {
    if (events.isEmpty()) {
      return new Storage.InsertResult(0, 0);
    }
    Storage.InsertResult stored = database.ready().insertEvents(events, receivedAt);
    metrics.events(stored.accepted(), stored.duplicates(), 0);
    return stored;
  }

  /** Counts events refused outside {@link #ingest}, such as by the PostgREST sink. */
  public void countRejected(int count) {
    metrics.events(0, 0, count);
  }

  /**
   * A free-form document in the form that may be stored: strings redacted, secret-looking fields
   * masked, identifier fields hashed (see {@link Privacy#document}).
   */
  public Map<String, Object> document(Map<?, ?> raw) {
    return privacy.document(raw);
  }

  /** Validates one item and, when valid, returns it in its stored form with an event id. */
  public Validation check(Object item, Instant receivedAt) {
    Validation validation = EventValidator.validate(item, receivedAt);
    if (!(validation instanceof Validation.Valid(Event raw))) {
      return validation;
    }
    try {
      Event safe = rules.apply(raw);
      return new Validation.Valid(
          safe.eventId() == null ? safe.withEventId(UUID.randomUUID()) : safe);
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      // A privacy rule that cannot handle some input costs that event, not the request: one log
      // line naming the failure's class (never the event, never a stack trace). Other errors
      // (out of memory) are the JVM's, not the event's, and propagate.
      LOG.warn(
          "privacy rules failed on an event ({}); the event was rejected", e.getClass().getName());
      return new Validation.Invalid(List.of(new FieldError("", UNPROCESSABLE)));
    }
  }
}
