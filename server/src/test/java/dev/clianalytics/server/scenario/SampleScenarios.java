package dev.clianalytics.server.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed walkthrough on realistic sample data: every outcome, hot paths, trends, regression. */
interface SampleScenarios extends Scenarios {

  @Test
  default void sampleData_showsOutcomesHotPathsNorthStarAndThePlantedRegression() {
    LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    List<Map<String, Object>> events = new SampleGenerator(SampleOptions.defaults(end)).generate();
    ingest(events);
    infer();

    List<Object> apply = outcomes("apply_workflow");
    assertTrue(
        (Long) apply.get(0) > 0 && (Long) apply.get(1) > 0 && (Long) apply.get(2) > 0,
        "SUCCESS, FAILED and ABANDONED runs: " + apply);
    assertFalse(paths().isEmpty());
    assertTrue(((List<?>) get("/reports/nsm").get("weeks")).size() >= 3);
    List<?> regressions = (List<?>) get("/reports/versions").get("regressions");
    assertTrue(
        regressions.stream()
            .map(Map.class::cast)
            .anyMatch(
                r ->
                    "apply_workflow".equals(r.get("workflow"))
                        && "1.8.0".equals(r.get("to_version"))),
        "regressions: " + regressions);
    assertFalse(((List<?>) get("/reports/trends").get("workflows")).isEmpty());
  }
}
