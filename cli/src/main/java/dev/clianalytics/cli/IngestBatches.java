package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends events to {@code POST /ingest} as NDJSON batches and tallies the server's answers:
 * accepted, duplicates, rejected, and the first few rejection reasons with their index in the whole
 * input.
 */
final class IngestBatches {
  private static final int SHOWN_REJECTIONS = 5;

  private final ApiClient client;
  private final int batchSize;
  private final Progress progress;
  private final List<Object> batch;
  private final List<String> firstRejections = new ArrayList<>();
  private long sent;
  private long accepted;
  private long duplicates;
  private long rejected;

  IngestBatches(ApiClient client, int batchSize, Progress progress) {
    this.client = client;
    this.batchSize = batchSize;
    this.progress = progress;
    this.batch = new ArrayList<>(batchSize);
  }

  /** Queues one event, sending the batch when it is full. */
  void add(Object event) {
    batch.add(event);
    if (batch.size() == batchSize) {
      flush();
    }
  }

  /** Sends whatever is queued. */
  void flush() {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder body = new StringBuilder(batch.size() * 400);
    for (Object event : batch) {
      Json.write(event, body);
      body.append('\n');
    }
    ApiClient.Answer answer = client.post("/ingest", "application/x-ndjson", body.toString());
    if (answer.status() != 200) {
      throw new CliException(
          "the server refused a batch after " + sent + " events: " + answer.problem());
    }
    tally(answer.object());
    sent += batch.size();
    progress.advance(batch.size());
    batch.clear();
  }

  private void tally(Map<String, Object> counts) {
    accepted += ((Number) counts.getOrDefault("accepted", 0L)).longValue();
    duplicates += ((Number) counts.getOrDefault("duplicates", 0L)).longValue();
    if (counts.get("rejected") instanceof List<?> list) {
      rejected += list.size();
      for (Object r : list) {
        if (firstRejections.size() < SHOWN_REJECTIONS && r instanceof Map<?, ?> m) {
          firstRejections.add(
              "event "
                  + (sent + ((Number) m.get("index")).longValue())
                  + ": "
                  + Json.write(m.get("errors")));
        }
      }
    }
  }

  long sent() {
    return sent;
  }

  long accepted() {
    return accepted;
  }

  long duplicates() {
    return duplicates;
  }

  long rejected() {
    return rejected;
  }

  List<String> firstRejections() {
    return firstRejections;
  }
}
