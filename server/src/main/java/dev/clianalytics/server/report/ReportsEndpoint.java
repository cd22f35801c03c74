package dev.clianalytics.server.report;

import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Responses;
import dev.clianalytics.server.ops.Database;
import dev.clianalytics.server.storage.InferenceStore;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The {@code /reports/*} handlers. Each reads only what inference precomputed, on one snapshot, and
 * answers JSON, or CSV with {@code ?format=csv} where the report is a table.
 */
public final class ReportsEndpoint {
  private final Database database;
  private final ReportSettings settings;
  private final Reports reports;
  private final WorkflowReport workflow;

  public ReportsEndpoint(Database database, ReportSettings settings) {
    this.database = database;
    this.settings = settings;
    this.reports = new Reports(settings);
    this.workflow = new WorkflowReport(settings, reports);
  }

  public void summary(Context ctx) {
    ReportFilter f = ReportFilter.of(ctx);
    Map<String, Object> r = store().read(c -> reports.summary(c, f));
    answer(ctx, r, "workflows");
  }

  public void workflow(Context ctx) {
    ReportFilter f = ReportFilter.of(ctx);
    String name = ctx.pathParam("name");
    Map<String, Object> r = store().read(c -> workflow.build(c, name, f));
    answer(ctx, r, "by_week");
  }

  public void hotPaths(Context ctx) {
    ReportFilter f = ReportFilter.of(ctx);
    int limit = intParam(ctx, "limit", 20, 1, 1000);
    Map<String, Object> r = Map.of("paths", store().read(c -> reports.paths(c, f, limit)));
    answer(ctx, r, "paths");
  }

  public void recovery(Context ctx) {
    ReportFilter f = ReportFilter.of(ctx);
    Map<String, Object> r = Map.of("commands", store().read(c -> reports.recovery(c, f)));
    answer(ctx, r, "commands");
  }

  public void nsm(Context ctx) {
    ReportFilter f = ReportFilter.of(ctx);
    String command = ctx.queryParam("command");
    String includeCi = ctx.queryParam("include_ci");
    if (includeCi != null && !includeCi.equals("true") && !includeCi.equals("false")) {
      throw ApiProblem.badRequest("include_ci must be true or false, was '" + includeCi + "'");
    }
    NsmOptions options =
        new NsmOptions(
            command == null || command.isBlank() ? settings.nsmCommand() : command,
            "true".equals(includeCi));
    int weeks = intParam(ctx, "weeks", 12, 1, 520);
    answer(ctx, store().read(c -> reports.nsm(c, options, f, weeks)), "weeks");
  }

  public void versions(Context ctx) {
    ReportFilter f = ReportFilter.of(ctx);
    Map<String, Object> r = store().read(c -> reports.versions(c, f));
    if (csv(ctx)) {
      ctx.contentType("text/csv; charset=utf-8");
      ctx.result(Csv.write(VersionRows.flatten(r)));
      return;
    }
    Responses.json(ctx, 200, r);
  }

  public void trends(Context ctx) {
    ReportFilter f = ReportFilter.of(ctx);
    Responses.json(ctx, 200, store().read(c -> reports.trends(c, f)));
  }

  private InferenceStore store() {
    return database.ready().inference();
  }

  @SuppressWarnings("unchecked") // report tables are lists of JSON objects
  private static void answer(Context ctx, Map<String, Object> report, String table) {
    if (csv(ctx)) {
      ctx.contentType("text/csv; charset=utf-8");
      ctx.result(Csv.write((List<Map<String, Object>>) report.get(table)));
      return;
    }
    Responses.json(ctx, 200, report);
  }

  private static boolean csv(Context ctx) {
    String format = ctx.queryParam("format");
    if (format == null || format.equals("json")) {
      return false;
    }
    if (!format.equals("csv")) {
      throw ApiProblem.badRequest("format must be json or csv, was '" + format + "'");
    }
    return true;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw ApiProblem.badRequest(
        name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
  }
}
