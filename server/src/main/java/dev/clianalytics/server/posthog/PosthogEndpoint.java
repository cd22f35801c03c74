package dev.clianalytics.server.posthog;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.FieldError;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.server.auth.Access;
import dev.clianalytics.server.auth.Authenticator;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Bodies;
import dev.clianalytics.server.http.Responses;
import dev.clianalytics.server.ingest.Batches;
import dev.clianalytics.server.ingest.IngestResult;
import dev.clianalytics.server.ingest.IngestService;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.storage.Storage;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /capture/}, {@code /i/v0/e/}, {@code /e/} and {@code /batch/}: PostHog's capture API.
 * Command runs and start markers are stored through the ingest path; other events are counted and
 * dropped, and never fail the request (PostHog clients retry on any non-2xx). Answers {@code 200
 * {"status": 1}} with the counts; a 400 only when command runs came and none was valid.
 */
public final class PosthogEndpoint {
  static final String PROTOCOL = "posthog";

  /** The capture paths; each also answers with a trailing slash. */
  public static final List<String> PATHS = List.of("/capture", "/i/v0/e", "/e", "/batch");

  private final IngestService ingest;
  private final Authenticator auth;
  private final Bodies bodies;
  private final PosthogEvents events;
  private final Metrics metrics;
  private final Clock clock;

  public PosthogEndpoint(
      IngestService ingest,
      Authenticator auth,
      Bodies bodies,
      PosthogMapping mapping,
      Metrics metrics,
      Clock clock) {
    this.ingest = ingest;
    this.auth = auth;
    this.bodies = bodies;
    this.events = new PosthogEvents(mapping);
    this.metrics = metrics;
    this.clock = clock;
    for (String result : List.of("accepted", "dropped", "rejected")) {
      metrics.protocolEvents(PROTOCOL, result, 0);
    }
  }

  public void handle(Context ctx) {
    Instant receivedAt = clock.instant();
    Envelope envelope = Envelope.of(Batches.parse(bodies.text(ctx, gzipByQuery(ctx))));
    auth.check(ctx, Access.INGEST, envelope.token());
    String projectKey = envelope.token() != null ? envelope.token() : bearer(ctx);
    List<Event> valid = new ArrayList<>();
    List<IngestResult.Rejection> rejected = new ArrayList<>();
    int dropped = 0;
    for (int i = 0; i < envelope.events().size(); i++) {
      Object item = envelope.events().get(i);
      PosthogEvents.Mapped mapped =
          item instanceof Map<?, ?> event ? events.map(event, projectKey, receivedAt) : null;
      switch (mapped) {
        case null ->
            rejected.add(
                new IngestResult.Rejection(
                    i, List.of(new FieldError("", "must be a PostHog event object"))));
        case PosthogEvents.Dropped d -> dropped++;
        case PosthogEvents.Run run -> check(i, run.item(), false, receivedAt, valid, rejected);
        case PosthogEvents.Start start -> check(i, start.item(), true, receivedAt, valid, rejected);
      }
    }
    ingest.countRejected(rejected.size());
    metrics.protocolEvents(PROTOCOL, "dropped", dropped);
    metrics.protocolEvents(PROTOCOL, "rejected", rejected.size());
    if (!rejected.isEmpty() && valid.isEmpty()) {
      throw ApiProblem.validation(
          "no command event was valid; see errors for each event's index and field",
          new IngestResult(0, 0, rejected, valid).flatErrors(),
          Map.of("accepted", 0, "duplicates", 0, "dropped", dropped));
    }
    Storage.InsertResult stored = ingest.store(valid, receivedAt);
    metrics.protocolEvents(PROTOCOL, "accepted", valid.size());
    IngestResult result = new IngestResult(stored.accepted(), stored.duplicates(), rejected, valid);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", 1);
    json.putAll(result.toJson());
    json.put("dropped", dropped);
    Responses.json(ctx, 200, json);
  }

  private void check(
      int index,
      Map<String, Object> item,
      boolean start,
      Instant receivedAt,
      List<Event> valid,
      List<IngestResult.Rejection> rejected) {
    switch (ingest.check(item, receivedAt)) {
      case Validation.Valid v -> valid.add(start ? StartMarkers.marker(v.event()) : v.event());
      case Validation.Invalid inv -> rejected.add(new IngestResult.Rejection(index, inv.errors()));
    }
  }

  /** The Bearer token, when the project key came only in the header; null otherwise. */
  private static String bearer(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization == null) {
      return null;
    }
    String a = authorization.strip();
    return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : null;
  }

  /** True for {@code ?compression=gzip-js} (or {@code gzip}); other schemes are refused. */
  private static boolean gzipByQuery(Context ctx) {
    String compression = ctx.queryParam("compression");
    if (compression == null || compression.isBlank()) {
      return false;
    }
    return switch (compression.strip().toLowerCase(Locale.ROOT)) {
      case "gzip-js", "gzip" -> true;
      default ->
          throw ApiProblem.unsupportedMediaType(
              "compression is not accepted; send gzip-js, Content-Encoding: gzip or an"
                  + " uncompressed body");
    };
  }
}
