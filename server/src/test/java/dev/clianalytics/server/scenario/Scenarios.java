package dev.clianalytics.server.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** What the scenario contracts need from {@link ServerFixture}, plus report helpers. */
interface Scenarios {
  /** Scenario time zero: two days ago, on a whole hour, so reports group into known days. */
  Instant BASE = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

  /**
   * {@code actor} ran {@code command} (e.g. "terraform plan") at BASE + minutes, ending in exit.
   */
  static Ev ev(String actor, double minutes, String command, int exit) {
    return Ev.at(at(minutes)).actor(actor).cmd(command).exit(exit);
  }

  /** BASE + minutes. */
  static Instant at(double minutes) {
    return BASE.plusMillis(Math.round(minutes * 60_000));
  }

  Http http();

  void send(Ev... events);

  Map<?, ?> infer();

  Map<?, ?> inferFull();

  Map<?, ?> get(String path);

  void restart(Map<String, String> settings);

  void restart(Map<String, String> settings, Clock clock);

  /** Ingests raw events, 2,000 a request, and checks each request was answered 200. */
  default void ingest(List<Map<String, Object>> events) {
    for (int i = 0; i < events.size(); i += 2_000) {
      Http.Response r =
          http()
              .postJson(
                  "/ingest",
                  Json.write(events.subList(i, Math.min(events.size(), i + 2_000))),
                  ServerFixture.TOKEN);
      assertEquals(200, r.status(), r.body());
    }
  }

  /** An event long after everything else, from another actor: it moves the horizon on. */
  default Ev closer() {
    return ev("closer", 600, "ls", 0);
  }

  /** The workflow row named {@code name} in the summary; fails when absent. */
  default Map<?, ?> workflow(String name) {
    List<?> rows = (List<?>) get("/reports/summary").get("workflows");
    return rows.stream()
        .map(Map.class::cast)
        .filter(w -> name.equals(w.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + rows));
  }

  /** The outcome counts of workflow {@code name} as {SUCCESS, FAILED, ABANDONED, IN_PROGRESS}. */
  default List<Object> outcomes(String name) {
    Map<?, ?> o = (Map<?, ?>) workflow(name).get("outcomes");
    return List.of(o.get("SUCCESS"), o.get("FAILED"), o.get("ABANDONED"), o.get("IN_PROGRESS"));
  }

  /** A JSON number as a double (the JSON writer prints 1.0 as 1). */
  static double num(Object value) {
    return ((Number) value).doubleValue();
  }

  default long sessions() {
    return (Long) get("/reports/summary").get("sessions");
  }

  default List<?> paths() {
    return (List<?>) get("/reports/hot-paths").get("paths");
  }
}
