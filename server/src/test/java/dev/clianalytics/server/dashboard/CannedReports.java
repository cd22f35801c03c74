package dev.clianalytics.server.dashboard;

import dev.clianalytics.core.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A stand-in for the report endpoints, serving the canned JSON under {@code dashboard-fixture/}
 * (shaped as /work/notes/REPORTS.md fixes them) next to the real dashboard, so the page can be
 * tested on its own. The {@code tool} filter is honoured the way the real reports honour it; with a
 * token set, every report answers 401 without it.
 */
final class CannedReports implements AutoCloseable {
  private final Javalin app;
  private final String token;
  private final boolean empty;

  private CannedReports(String token, boolean empty) {
    this.token = token;
    this.empty = empty;
    this.app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.staticFiles.enableWebjars();
              Dashboard.configure(c);
            });
    Dashboard.register(app);
    app.get(
        "/reports/summary",
        ctx -> answer(ctx, this.empty ? canned("summary-empty") : summary(ctx.queryParam("tool"))));
    app.get("/reports/trends", ctx -> answer(ctx, byTool("trends", "workflows", ctx)));
    app.get("/reports/hot-paths", ctx -> answer(ctx, byTool("hot-paths", "paths", ctx)));
    app.get("/reports/recovery", ctx -> answer(ctx, byTool("recovery", "commands", ctx)));
    app.get("/reports/versions", ctx -> answer(ctx, byTool("versions", "workflows", ctx)));
    app.get("/reports/nsm", ctx -> answer(ctx, canned("nsm")));
    app.get("/reports/workflows/{name}", ctx -> answer(ctx, workflow(ctx.pathParam("name"))));
  }

  /**
   * Starts on a random port; {@code token} null means open; {@code empty} answers as a server that
   * has no events yet.
   */
  static CannedReports start(String token, boolean empty) {
    CannedReports reports = new CannedReports(token, empty);
    reports.app.start(0);
    return reports;
  }

  String origin() {
    return "http://127.0.0.1:" + app.port();
  }

  private void answer(Context ctx, Object body) {
    String auth = ctx.header("Authorization");
    if (token != null && !("Bearer " + token).equals(auth)) {
      ctx.status(401).contentType("application/problem+json");
      ctx.result(
          "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
              + "\"detail\":\"a read token is required\"}");
      return;
    }
    ctx.contentType("application/json").result(Json.write(body));
  }

  private static Map<String, Object> summary(String tool) {
    Map<String, Object> summary = canned("summary");
    if (tool != null && !tool.isBlank()) {
      summary.put("tool", tool);
      list(summary, "workflows").removeIf(w -> !tool.equals(w.get("tool")));
      list(summary, "hot_paths").removeIf(p -> !String.valueOf(p.get("path")).startsWith(tool));
    }
    return summary;
  }

  private static Map<String, Object> byTool(String name, String listKey, Context ctx) {
    Map<String, Object> report = canned(name);
    String tool = ctx.queryParam("tool");
    if (tool != null && !tool.isBlank()) {
      Predicate<Map<String, Object>> other =
          row ->
              row.containsKey("tool")
                  ? !tool.equals(row.get("tool"))
                  : !String.valueOf(row.getOrDefault("path", row.get("command"))).startsWith(tool);
      list(report, listKey).removeIf(other);
    }
    return report;
  }

  private static Object workflow(String name) {
    if (!"apply_workflow".equals(name)) {
      throw new io.javalin.http.NotFoundResponse("no workflow named " + name);
    }
    return canned("workflow-apply_workflow");
  }

  @SuppressWarnings("unchecked") // the canned files are JSON objects whose lists hold objects
  private static List<Map<String, Object>> list(Map<String, Object> report, String key) {
    return (List<Map<String, Object>>) report.get(key);
  }

  @SuppressWarnings("unchecked") // every canned file is a JSON object
  private static Map<String, Object> canned(String name) {
    String path = "/dashboard-fixture/" + name + ".json";
    try (InputStream in = CannedReports.class.getResourceAsStream(path)) {
      return (Map<String, Object>)
          Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
