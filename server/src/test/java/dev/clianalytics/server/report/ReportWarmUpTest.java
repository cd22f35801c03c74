package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When an inference commits, what the dashboard reads first is already rendered. */
class ReportWarmUpTest {
  @Test
  void inferenceThatChangedTheTables_returnsWithTheSummaryAndItsWorkflowPagesCached(
      @TempDir Path dir) {
    Instant now = Instant.now();
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    List<Event> events = new ArrayList<>();
    for (Map<String, Object> raw :
        new SampleGenerator(new SampleOptions(3_000, 12, 14, 7, yesterday)).generate()) {
      if (EventValidator.validate(raw, now) instanceof Validation.Valid(Event e)) {
        events.add(e.eventId() == null ? e.withEventId(UUID.randomUUID()) : e);
      }
    }
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      storage.insertEvents(events, now);
      Database database = new Database(storage);
      InferenceOptions options = InferenceOptions.defaults();
      InferenceService inference = new InferenceService(database, options, Clock.systemUTC());
      ReportsEndpoint reports =
          new ReportsEndpoint(
              database,
              new ReportSettings(options.catalog(), 1, 3, "deploy"),
              inference::isRunning);
      inference.onChange(reports::warm);
      assertNull(reports.cached(ReportsEndpoint.key("summary", ReportFilter.NONE)));

      inference.run(false);

      ReportCache.Answer summary =
          reports.cached(ReportsEndpoint.key("summary", ReportFilter.NONE));
      assertNotNull(summary, "the summary is rendered when the inference returns");
      List<?> workflows = (List<?>) ((Map<?, ?>) Json.parse(summary.body())).get("workflows");
      assertFalse(workflows.isEmpty(), "the sample data forms workflows");
      for (Object row :
          workflows.subList(0, Math.min(workflows.size(), ReportsEndpoint.WARM_WORKFLOWS))) {
        String name = (String) ((Map<?, ?>) row).get("name");
        assertNotNull(
            reports.cached(ReportsEndpoint.key("workflow", ReportFilter.NONE, name)),
            "the page of workflow " + name + " is rendered too");
      }
      assertNotNull(reports.cached(ReportsEndpoint.key("trends", ReportFilter.NONE)));
      // and every other unfiltered report the dashboard opens with, with its default options
      ReportFilter none = ReportFilter.NONE;
      for (ReportCache.Key key :
          List.of(
              ReportsEndpoint.key("versions", none),
              ReportsEndpoint.key("hot-paths", none, 20),
              ReportsEndpoint.key("recovery", none),
              ReportsEndpoint.key("nsm", none, new NsmOptions("deploy", false), 12),
              ReportsEndpoint.key("adoption", none),
              ReportsEndpoint.key("platforms", none))) {
        ReportCache.Answer answer = reports.cached(key);
        assertNotNull(answer, key + " is rendered too");
        assertTrue(Json.parse(answer.body()) instanceof Map<?, ?>, key + ": " + answer.body());
      }
    }
  }
}
