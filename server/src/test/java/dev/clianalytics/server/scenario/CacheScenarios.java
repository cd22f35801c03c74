package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.clianalytics.server.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cached reports (docs/reports.md) are answered again only while the derived tables are unchanged:
 * an erasure changes them, so the next answer, JSON or CSV, no longer counts the erased actor.
 */
interface CacheScenarios extends Scenarios {

  private Http.Response csv(String path) {
    return http().get(path + "?format=csv", "Authorization", "Bearer " + ServerFixture.TOKEN);
  }

  @Test
  default void erasure_invalidatesCachedReports() {
    send(
        ev("erase-me", 0, "terraform plan", 0),
        ev("erase-me", 1, "terraform apply", 1),
        ev("keep", 0, "terraform plan", 0),
        ev("keep", 1, "terraform apply", 1),
        ev("keep", 100, "terraform plan", 0),
        ev("keep", 101, "terraform apply", 0),
        closer());
    infer();
    long sessions = sessions();
    Map<?, ?> paths = (Map<?, ?>) paths().get(0);
    String summaryCsv = csv("/reports/summary").body();
    assertEquals(sessions, sessions(), "a second read is the cached answer");
    assertEquals(2L, paths.get("actors"));

    Http.Response erased =
        http().delete("/actors/erase-me", "Authorization", "Bearer " + ServerFixture.TOKEN);
    assertEquals(200, erased.status(), erased.body());

    assertEquals(sessions - 1, sessions());
    List<?> after = paths();
    assertEquals(1L, ((Map<?, ?>) after.get(0)).get("actors"));
    assertNotEquals(summaryCsv, csv("/reports/summary").body());
  }
}
