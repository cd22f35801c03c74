package dev.clianalytics.server.rest;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.FieldError;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Bodies;
import dev.clianalytics.server.http.BodyFormat;
import dev.clianalytics.server.http.Responses;
import dev.clianalytics.server.ingest.Batches;
import dev.clianalytics.server.ingest.IngestResult;
import dev.clianalytics.server.ingest.IngestService;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.RowQuery;
import dev.clianalytics.server.storage.Storage;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST/GET /rest/v1/events}: the seed's Supabase table, answered the way PostgREST answers.
 * An insert is all or nothing, as in PostgREST: everything that can refuse it (an invalid event, a
 * document the privacy rules cannot process, a single-object answer for several rows) is checked
 * before anything is written, and the request's events and documents are then written in one
 * transaction (see docs/server.md).
 */
public final class RestEventsEndpoint {
  private final IngestService ingest;
  private final Database database;
  private final Bodies bodies;
  private final Metrics metrics;
  private final Clock clock;

  public RestEventsEndpoint(
      IngestService ingest, Database database, Bodies bodies, Metrics metrics, Clock clock) {
    this.ingest = ingest;
    this.database = database;
    this.bodies = bodies;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** {@code POST}: 201, with the stored rows when {@code Prefer: return=representation}. */
  public void insert(Context ctx) {
    Instant receivedAt = clock.instant();
    if (BodyFormat.of(ctx.contentType()) != BodyFormat.JSON) {
      throw ApiProblem.unsupportedMediaType("send rows as application/json");
    }
    List<Map<?, ?>> payloads = RestRows.payloads(Batches.parse(bodies.text(ctx)));
    if (payloads.size() > Batches.MAX_EVENTS) {
      throw ApiProblem.tooLarge("more than " + Batches.MAX_EVENTS + " rows; send smaller batches");
    }
    Prefer prefer = Prefer.of(ctx.header("Prefer"), ctx.header("Accept"));
    List<Object> slots = check(payloads, receivedAt);
    if (prefer.representation() && prefer.singleObject() && slots.size() != 1) {
      throw notSingle(slots.size() + " rows; nothing was stored");
    }
    Set<String> existing = prefer.ignoreDuplicates() ? existingIds(slots) : Set.of();
    List<Map<String, Object>> out = store(slots, receivedAt);
    if (prefer.applied() != null) {
      ctx.header("Preference-Applied", prefer.applied());
    }
    if (!prefer.representation()) {
      ctx.status(201);
      return;
    }
    // with resolution=ignore-duplicates PostgREST answers only the rows it inserted
    out.removeIf(r -> existing.contains((String) r.get("id")));
    respond(ctx, 201, out, prefer);
  }

  /**
   * Each payload in the form that may be stored (an {@link Event} with its id, or a sanitized
   * document), in request order; refuses the request naming every row that cannot be stored.
   */
  private List<Object> check(List<Map<?, ?>> payloads, Instant receivedAt) {
    List<IngestResult.Rejection> rejected = new ArrayList<>();
    List<Object> slots = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      Map<?, ?> payload = payloads.get(i);
      if (!RestRows.isEvent(payload)) {
        try {
          slots.add(ingest.document(payload));
        } catch (RuntimeException e) {
          rejected.add(
              new IngestResult.Rejection(
                  i, List.of(new FieldError("", "the document could not be processed safely"))));
        }
        continue;
      }
      switch (ingest.check(payload, receivedAt)) {
        case Validation.Valid v -> slots.add(v.event());
        case Validation.Invalid inv -> rejected.add(new IngestResult.Rejection(i, inv.errors()));
      }
    }
    if (!rejected.isEmpty()) {
      ingest.countRejected(rejected.size());
      throw invalid(new IngestResult(0, 0, rejected, List.of()));
    }
    return slots;
  }

  /** The ids of these events that are already stored. */
  private Set<String> existingIds(List<Object> slots) {
    List<String> ids = new ArrayList<>();
    for (Object slot : slots) {
      if (slot instanceof Event e) {
        ids.add(e.eventId().toString());
      }
    }
    if (ids.isEmpty()) {
      return Set.of();
    }
    RowQuery lookup =
        new RowQuery(
            new RowQuery.Test(RowQuery.Field.ID, RowQuery.Op.IN, ids), List.of(), 0, ids.size());
    Set<String> out = new HashSet<>();
    for (Storage.Row r : database.ready().query(lookup, false).rows()) {
      out.add(r.id().toString());
    }
    return out;
  }

  /** Writes the checked rows in one transaction and returns them as PostgREST rows. */
  @SuppressWarnings("unchecked") // check() puts only events and documents in the slots
  private List<Map<String, Object>> store(List<Object> slots, Instant receivedAt) {
    List<Event> events = new ArrayList<>();
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object slot : slots) {
      switch (slot) {
        case Event e -> events.add(e);
        case Map<?, ?> doc -> documents.add((Map<String, Object>) doc);
        default -> throw new IllegalStateException("unexpected slot " + slot.getClass());
      }
    }
    Storage.BatchResult stored = database.ready().insertBatch(events, documents, receivedAt);
    metrics.events(stored.accepted(), stored.duplicates(), 0);
    List<Map<String, Object>> out = new ArrayList<>(slots.size());
    int nextDocument = 0;
    for (Object slot : slots) {
      if (slot instanceof Event e) {
        out.add(row(e.eventId(), e.toJson()));
      } else {
        out.add(row(stored.documentIds().get(nextDocument), documents.get(nextDocument)));
        nextDocument++;
      }
    }
    return out;
  }

  /**
   * {@code GET} and {@code HEAD}: {@code [{"id","payload"}]} filtered, ordered and paged as
   * PostgREST does, with {@code Content-Range} on every answer (see docs/supabase.md).
   */
  public void list(Context ctx) {
    RestQuery query = RestQuery.of(ctx.queryParamMap());
    long offset = query.offset();
    long limit = query.limit() == null ? RestQuery.MAX_ROWS : query.limit();
    long[] range = range(ctx.header("Range"));
    if (range != null) {
      offset += range[0];
      if (range[1] >= 0) {
        limit = Math.min(limit, Math.max(0, range[1] - range[0] + 1 - query.offset()));
      }
    }
    limit = Math.min(limit, RestQuery.MAX_ROWS);
    String prefer = ctx.header("Prefer") == null ? "" : ctx.header("Prefer");
    boolean count = prefer.matches("(?i).*count=(exact|planned|estimated).*");
    RowQuery.Page page =
        database
            .ready()
            .query(new RowQuery(query.filter(), query.order(), offset, (int) limit), count);
    List<Storage.Row> rows = page.rows();
    String total = page.total() == null ? "*" : Long.toString(page.total());
    if (page.total() != null && offset > page.total()) {
      throw PgrstError.range(
          "An offset of " + offset + " was requested, but there are only " + total + " rows.");
    }
    ctx.header("Range-Unit", "items");
    ctx.header(
        "Content-Range",
        rows.isEmpty() ? "*/" + total : offset + "-" + (offset + rows.size() - 1) + "/" + total);
    if (count) {
      ctx.header("Preference-Applied", "count=exact");
    }
    int status =
        page.total() != null && (offset > 0 || rows.size() < page.total()) && !rows.isEmpty()
            ? 206
            : 200;
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Storage.Row r : rows) {
      out.add(query.project(row(r.id(), r.payload())));
    }
    String accept = ctx.header("Accept") == null ? "" : ctx.header("Accept");
    if (accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv")) {
      ctx.status(status);
      ctx.contentType("text/csv; charset=utf-8");
      ctx.result(RestCsv.write(out, query.columns()));
      return;
    }
    respond(ctx, status, out, Prefer.of(null, accept));
  }

  /** {@code Range: first-[last]} (items); null when absent or not of that form. */
  private static long[] range(String header) {
    if (header == null) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\s*(\\d{1,15})-(\\d{0,15})\\s*").matcher(header);
    if (!m.matches()) {
      return null;
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2));
    if (last >= 0 && last < first) {
      throw PgrstError.range("The range " + first + "-" + last + " ends before it starts.");
    }
    return new long[] {first, last};
  }

  private static void respond(
      Context ctx, int status, List<Map<String, Object>> rows, Prefer prefer) {
    if (!prefer.singleObject()) {
      Responses.json(ctx, status, rows);
      return;
    }
    if (rows.size() != 1) {
      throw PgrstError.notSingle(rows.size());
    }
    ctx.status(status == 206 ? 200 : status);
    ctx.contentType("application/vnd.pgrst.object+json");
    ctx.result(Json.write(rows.getFirst()));
  }

  private static ApiProblem notSingle(String rows) {
    return new ApiProblem(
        406,
        "not-single",
        "Not acceptable",
        "a single object was requested but the result has " + rows,
        Map.of("code", "PGRST116", "message", "JSON object requested, multiple (or no) rows"));
  }

  private static ApiProblem invalid(IngestResult result) {
    String detail = "an event is invalid; nothing was stored (see errors for index and field)";
    Map<String, Object> postgrest = new LinkedHashMap<>();
    postgrest.put("code", "22023");
    postgrest.put("message", detail);
    postgrest.put("details", Json.write(result.flatErrors()));
    postgrest.put("hint", "fix the listed fields and send the rows again");
    return ApiProblem.validation(detail, result.flatErrors(), postgrest);
  }

  private static Map<String, Object> row(UUID id, Map<String, Object> payload) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id.toString());
    row.put("payload", payload);
    return row;
  }
}
