package dev.clianalytics.cli;

import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.FieldError;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.Privacy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves starter-table rows into a server (docs/supabase.md, "Moving your history in"): each row's
 * {@code id} becomes the event's {@code event_id}, so importing again skips what is already in;
 * each payload is validated and passed through the client's privacy rules here, so raw values never
 * leave this machine, and the server applies its own again before storing. Payloads that are not
 * events (such as uploaded north-star aggregates) are skipped and counted.
 */
final class SeedImport {
  private final ApiClient client;
  private final Progress progress;
  private final Privacy privacy = Privacy.client();
  private final List<Map<String, Object>> rejections = new ArrayList<>();
  private long read;
  private long imported;
  private long duplicates;
  private long skipped;

  SeedImport(ApiClient client, Progress progress) {
    this.client = client;
    this.progress = progress;
  }

  /** Imports one page of rows, sending its events as one {@code /ingest} batch. */
  void add(List<SeedRows.Row> page) {
    List<Object> events = new ArrayList<>(page.size());
    List<Long> indexes = new ArrayList<>(page.size());
    List<String> ids = new ArrayList<>(page.size());
    Instant now = Instant.now();
    for (SeedRows.Row row : page) {
      long index = read++;
      if (!(row.payload() instanceof Map<?, ?> payload) || !looksLikeEvent(payload)) {
        skipped++;
        continue;
      }
      Map<Object, Object> event = new LinkedHashMap<>(payload);
      event.put("event_id", row.id());
      switch (EventValidator.validate(event, now)) {
        case Validation.Valid v -> {
          events.add(privacy.apply(v.event()).toJson());
          indexes.add(index);
          ids.add(row.id());
        }
        case Validation.Invalid invalid -> reject(index, row.id(), errors(invalid.errors()));
      }
    }
    send(events, indexes, ids);
    progress.advance(page.size());
  }

  private void send(List<Object> events, List<Long> indexes, List<String> ids) {
    if (events.isEmpty()) {
      return;
    }
    StringBuilder body = new StringBuilder(events.size() * 400);
    for (Object event : events) {
      Json.write(event, body);
      body.append('\n');
    }
    ApiClient.Answer answer = client.post("/ingest", "application/x-ndjson", body.toString());
    if (answer.status() != 200) {
      throw new CliException(
          "the server refused a batch after "
              + imported
              + " imported events (nothing of that batch was stored): "
              + answer.problem());
    }
    Map<String, Object> counts = answer.object();
    imported += ((Number) counts.getOrDefault("accepted", 0L)).longValue();
    duplicates += ((Number) counts.getOrDefault("duplicates", 0L)).longValue();
    if (counts.get("rejected") instanceof List<?> list) {
      for (Object r : list) {
        if (r instanceof Map<?, ?> m && m.get("index") instanceof Number n) {
          int i = n.intValue();
          reject(indexes.get(i), ids.get(i), m.get("errors"));
        }
      }
    }
  }

  private static boolean looksLikeEvent(Map<?, ?> payload) {
    for (String field : List.of("tool_name", "command_path", "exit_code", "actor_id")) {
      if (payload.containsKey(field)) {
        return true;
      }
    }
    return false;
  }

  private void reject(long index, String id, Object errors) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("index", index);
    r.put("id", id);
    r.put("errors", errors);
    rejections.add(r);
  }

  private static List<Map<String, Object>> errors(List<FieldError> errors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FieldError e : errors) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("field", e.field());
      m.put("message", e.message());
      out.add(m);
    }
    return out;
  }

  /** The summary {@code import --json} prints. */
  Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("read", read);
    out.put("imported", imported);
    out.put("duplicates", duplicates);
    out.put("skipped", skipped);
    out.put("rejected", rejections);
    return out;
  }

  long rejected() {
    return rejections.size();
  }
}
