package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.testing.Http;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression scenarios for the report cache and CSV answers (see docs/reports.md): a crafted
 * parameter name must not poison another request's cached answer, and no CSV cell may reach a
 * spreadsheet as a formula.
 */
interface ReportHardeningScenarios extends Scenarios {

  private Http.Response read(String path) {
    return http().get(path, "Authorization", "Bearer " + ServerFixture.TOKEN);
  }

  private static String today() {
    return LocalDate.ofInstant(Scenarios.at(0), ZoneOffset.UTC).toString();
  }

  @Test
  default void reportCache_craftedParameterName_isRefusedAndCannotPoisonTheNormalRequest() {
    send(ev("a", 0, "terraform plan", 0), ev("a", 1, "terraform apply", 0));
    infer();
    String far = "2030-01-01";

    // The name is "from=[2030-01-01], to", which the old key rendered like a real from and to.
    Http.Response crafted =
        read("/reports/summary?from%3D%5B" + far + "%5D%2C%20to=" + "2030-01-31");
    Map<?, ?> normal = get("/reports/summary?from=" + far + "&to=2030-01-31");

    assertEquals(400, crafted.status(), crafted.body());
    assertTrue(crafted.contentType().startsWith("application/problem+json"));
    assertEquals(0L, normal.get("events"));
  }

  @Test
  default void reportCache_csvAndJsonOfTheSameFilter_neverAnswerEachOther() {
    send(ev("a", 0, "terraform plan", 0));
    infer();

    Http.Response csv = read("/reports/summary?format=csv&from=" + today());
    Http.Response json = read("/reports/summary?from=" + today() + "&format=json");
    Http.Response plain = read("/reports/summary?from=" + today());

    assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
    assertTrue(json.contentType().startsWith("application/json"), json.contentType());
    assertEquals(json.body(), plain.body());
  }

  @Test
  default void reports_unknownOrRepeatedParameter_are400Problems() {
    for (String path :
        List.of(
            "/reports/summary?form=2026-01-01",
            "/reports/summary?from=2026-01-01&from=2026-01-02",
            "/reports/hot-paths?weeks=3",
            "/reports/nsm?limit=3",
            "/reports/workflows/apply_workflow?command=x",
            "/reports/versions?include_ci=true")) {
      Http.Response r = read(path);
      assertEquals(400, r.status(), path + ": " + r.body());
      assertTrue(r.contentType().startsWith("application/problem+json"), path);
    }
  }

  @Test
  default void reports_everyParameterTheDashboardAndCliSend_isAccepted() {
    send(ev("a", 0, "terraform plan", 0));
    infer();
    String f = "from=" + today() + "&to=" + today() + "&tool=terraform";
    for (String path :
        List.of(
            "/reports/summary?" + f + "&format=json",
            "/reports/hot-paths?" + f + "&limit=20&format=csv",
            "/reports/recovery?" + f,
            "/reports/versions?" + f,
            "/reports/trends?" + f,
            "/reports/nsm?" + f + "&command=terraform&weeks=12&include_ci=false")) {
      assertEquals(200, read(path).status(), path);
    }
  }

  @Test
  default void csv_formulaLikeToolNamesAndVersions_areNeutralisedAndNegativeNumbersKept() {
    String link = "=HYPERLINK(\"http://evil.example/x\",\"click\")";
    send(
        ev("a", 0, "terraform plan", 0).version(link),
        ev("a", 1, "terraform apply", 1).version(link),
        ev("b", 0, "terraform plan", 0).version("-2+3"),
        ev("b", 1, "terraform apply", 0).version("-2+3"),
        ev("c", 0, "+1+2 run", 0),
        ev("c", 1, "+1+2 fail", 1));
    infer();

    StringBuilder all = new StringBuilder();
    for (String path :
        List.of("/reports/versions", "/reports/hot-paths", "/reports/summary", "/reports/trends")) {
      String csv = read(path + "?format=csv").body();
      all.append(csv);
      for (String cell : cells(csv)) {
        assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0, path + ": " + cell);
        assertFalse(
            cell.startsWith("-") && !cell.matches("-[0-9.]+(E-?[0-9]+)?"), path + ": " + cell);
      }
    }
    assertTrue(all.indexOf("'" + link.replace("\"", "\"\"")) >= 0, all.toString());
    assertTrue(all.indexOf("'-2+3") >= 0, all.toString());
    assertTrue(all.indexOf("'+1+2 run") >= 0, all.toString());
  }

  /** Every cell of an RFC 4180 text, unquoted. */
  private static List<String> cells(String csv) {
    List<String> cells = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char ch = csv.charAt(i);
      if (quoted && ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && (ch == ',' || ch == '\n')) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (quoted || ch != '\r') {
        cell.append(ch);
      }
    }
    return cells;
  }
}
