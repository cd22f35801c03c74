package dev.clianalytics.server.report;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.SqlReads;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /reports/*} handlers. Each reads only what inference precomputed, on one snapshot, and
 * answers JSON, or CSV with {@code ?format=csv} where the report is a table. Answers are reused
 * until the derived tables change (see {@link ReportCache}).
 */
public final class ReportsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(ReportsEndpoint.class);
  private final Database database;
  private final ReportSettings settings;
  private final Reports reports;
  private final WorkflowReports workflow;
  private final ReportCache cache = new ReportCache();
  private final KeptRows kept;
  private volatile Thread warming;

  /**
   * Reports of {@code database}; {@code inferring} tells whether an inference of this server runs
   * (rows kept in memory are read after it rather than during it).
   */
  public ReportsEndpoint(Database database, ReportSettings settings, BooleanSupplier inferring) {
    this.database = database;
    this.settings = settings;
    this.kept = new KeptRows(() -> database.ready().inference(), System::nanoTime, inferring);
    this.reports = new Reports(settings, kept);
    this.workflow = new WorkflowReports(settings, reports);
  }

  public void summary(Context ctx) {
    ReportFilter f = ReportFilter.of(ReportParams.check(ctx));
    answer(ctx, key("summary", f), c -> reports.summary(c, f));
  }

  public void workflow(Context ctx) {
    ReportFilter f = ReportFilter.of(ReportParams.check(ctx));
    String name = ctx.pathParam("name");
    answer(ctx, key("workflow", f, name), c -> workflow.build(c, name, f));
  }

  public void hotPaths(Context ctx) {
    ReportParams params = ReportParams.check(ctx, "limit");
    ReportFilter f = ReportFilter.of(params);
    int limit = params.intParam("limit", 20, 1, 1000);
    answer(ctx, key("hot-paths", f, limit), c -> reports.hotPaths(c, f, limit));
  }

  public void recovery(Context ctx) {
    ReportFilter f = ReportFilter.of(ReportParams.check(ctx));
    answer(ctx, key("recovery", f), c -> reports.recovery(c, f));
  }

  public void nsm(Context ctx) {
    ReportParams params = ReportParams.check(ctx, "command", "include_ci", "weeks");
    ReportFilter f = ReportFilter.of(params);
    String command = params.get("command");
    String includeCi = params.get("include_ci");
    if (includeCi != null && !includeCi.equals("true") && !includeCi.equals("false")) {
      throw ApiProblem.badRequest("include_ci must be true or false, was '" + includeCi + "'");
    }
    NsmOptions options =
        new NsmOptions(
            command == null || command.isBlank() ? settings.nsmCommand() : command,
            "true".equals(includeCi));
    int weeks = params.intParam("weeks", 12, 1, 520);
    answer(ctx, key("nsm", f, options, weeks), c -> reports.nsm(c, options, f, weeks));
  }

  public void versions(Context ctx) {
    ReportFilter f = ReportFilter.of(ReportParams.check(ctx));
    answer(ctx, key("versions", f), c -> reports.versions(c, f));
  }

  public void trends(Context ctx) {
    ReportFilter f = ReportFilter.of(ReportParams.check(ctx));
    answer(ctx, key("trends", f), c -> reports.trends(c, f));
  }

  public void adoption(Context ctx) {
    ReportFilter f = ReportFilter.of(ReportParams.check(ctx));
    answer(ctx, key("adoption", f), c -> AdoptionReport.build(c, f, settings.minActors()));
  }

  public void platforms(Context ctx) {
    ReportFilter f = ReportFilter.of(ReportParams.check(ctx));
    answer(ctx, key("platforms", f), c -> PlatformsReport.build(c, f, settings.minActors()));
  }

  @FunctionalInterface
  private interface Build {
    Report build(SqlReads c) throws SQLException;
  }

  /** The cache key: the report and its parsed, validated options, never the raw query text. */
  static ReportCache.Key key(String report, ReportFilter filter, Object... options) {
    return new ReportCache.Key(report, filter, List.of(options));
  }

  /** Most workflow pages {@link #warm} renders: the dashboard's first rows. */
  static final int WARM_WORKFLOWS = 5;

  /**
   * Renders what the dashboard reads first (the unfiltered reports and the page of each of the
   * first {@link #WARM_WORKFLOWS} workflows of the summary) into the cache. Runs on the caller's
   * thread: inference calls it after each commit that changed the derived tables and returns with
   * the dashboard warm, so the first load after an inference is as fast as a repeated one
   * (docs/server.md). A failure only costs that head start. Then, if the reports are in use, starts
   * reading the rows they keep in memory ({@link KeptRows}) on a thread of its own.
   */
  public void warm() {
    try {
      ReportCache.Answer summary = warm(key("summary", NONE), c -> reports.summary(c, NONE));
      for (String name : workflowNames(summary)) {
        warm(key("workflow", NONE, name), c -> workflow.build(c, name, NONE));
      }
      warm(key("trends", NONE), c -> reports.trends(c, NONE));
      warm(key("versions", NONE), c -> reports.versions(c, NONE));
      warm(key("hot-paths", NONE, 20), c -> reports.hotPaths(c, NONE, 20));
      warm(key("recovery", NONE), c -> reports.recovery(c, NONE));
      NsmOptions nsm = new NsmOptions(settings.nsmCommand(), false);
      warm(key("nsm", NONE, nsm, 12), c -> reports.nsm(c, nsm, NONE, 12));
      warm(key("adoption", NONE), c -> AdoptionReport.build(c, NONE, settings.minActors()));
      warm(key("platforms", NONE), c -> PlatformsReport.build(c, NONE, settings.minActors()));
    } catch (RuntimeException e) {
      LOG.debug("report warm-up stopped: {}", e.toString());
    }
    kept.changed();
  }

  /** The current cached JSON answer for {@code key}, or null if a request would render it. */
  ReportCache.Answer cached(ReportCache.Key key) {
    return database.ready().inference().read(c -> cache.current(c, key.as(false)));
  }

  /** {@link #warm} on a background thread: a server starts with an empty cache. */
  public void warmInBackground() {
    warming = Thread.ofVirtual().name("report-warmup").start(this::warm);
  }

  /**
   * Stops the reads of this endpoint's own threads, the start's warm-up and {@link KeptRows},
   * waiting up to 10 s for one under way: the server calls it before it closes the database.
   */
  public void stop() {
    try {
      kept.stop(10_000);
      Thread w = warming;
      if (w != null) {
        w.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final ReportFilter NONE = ReportFilter.NONE;

  /** The names of the first {@link #WARM_WORKFLOWS} workflows of a rendered summary. */
  private static List<String> workflowNames(ReportCache.Answer summary) {
    if (!(Json.parse(summary.body()) instanceof Map<?, ?> json)
        || !(json.get("workflows") instanceof List<?> rows)) {
      return List.of();
    }
    return rows.stream()
        .limit(WARM_WORKFLOWS)
        .map(row -> row instanceof Map<?, ?> m ? m.get("name") : null)
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .toList();
  }

  private ReportCache.Answer warm(ReportCache.Key key, Build build) {
    ReportCache.Key json = key.as(false);
    return database
        .ready()
        .inference()
        .read(c -> cache.get(c, json, conn -> render(build.build(conn), false)));
  }

  /** Renders (or reuses) the report: JSON, or its table as CSV when asked. */
  private void answer(Context ctx, ReportCache.Key report, Build build) {
    boolean csv = csv(ctx);
    ReportCache.Key key = report.as(csv);
    kept.asked();
    ReportCache.Answer answer =
        database
            .ready()
            .inference()
            .read(c -> cache.get(c, key, conn -> render(build.build(conn), csv)));
    ctx.status(200);
    ctx.contentType(answer.contentType());
    ctx.result(answer.body());
  }

  private static ReportCache.Answer render(Report report, boolean csv) {
    if (!csv) {
      return new ReportCache.Answer("application/json", Json.write(report.toJson()));
    }
    return new ReportCache.Answer("text/csv; charset=utf-8", Csv.write(report.csvRows()));
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
}
