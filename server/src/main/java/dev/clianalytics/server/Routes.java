package dev.clianalytics.server;

import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.server.auth.Access;
import dev.clianalytics.server.auth.Authenticator;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.dashboard.Dashboard;
import dev.clianalytics.server.docs.DocsEndpoint;
import dev.clianalytics.server.http.Bodies;
import dev.clianalytics.server.http.JettyErrors;
import dev.clianalytics.server.http.PercentEncoding;
import dev.clianalytics.server.http.ProblemMapper;
import dev.clianalytics.server.http.RouteNames;
import dev.clianalytics.server.http.SlowRequests;
import dev.clianalytics.server.inference.InferEndpoint;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.ingest.IngestEndpoint;
import dev.clianalytics.server.ingest.IngestService;
import dev.clianalytics.server.ops.ActorsEndpoint;
import dev.clianalytics.server.ops.BackupEndpoint;
import dev.clianalytics.server.ops.HealthEndpoint;
import dev.clianalytics.server.ops.InferenceGauges;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.ops.MetricsEndpoint;
import dev.clianalytics.server.otlp.OtlpEndpoint;
import dev.clianalytics.server.posthog.PosthogEndpoint;
import dev.clianalytics.server.posthog.PosthogMapping;
import dev.clianalytics.server.ratelimit.RateLimiter;
import dev.clianalytics.server.report.RegressionWatch;
import dev.clianalytics.server.report.ReportSettings;
import dev.clianalytics.server.report.ReportsEndpoint;
import dev.clianalytics.server.rest.RestEventsEndpoint;
import dev.clianalytics.server.storage.Database;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/** Every route in one place, each with the access it needs. */
final class Routes {
  private Routes() {}

  /** What the handlers are built from. */
  record Parts(
      ServerConfig config,
      Database database,
      Privacy privacy,
      Authenticator auth,
      Metrics metrics,
      Clock clock,
      LongSupplier nanoTime,
      InferenceService inference,
      PosthogMapping posthog) {
    ReportSettings reportSettings() {
      return new ReportSettings(
          inference.options().catalog(),
          config.minActors(),
          config.autoWorkflowMinRuns(),
          config.nsmCommand());
    }
  }

  static void configure(JavalinConfig c, Metrics metrics) {
    c.useVirtualThreads = true;
    c.showJavalinBanner = false;
    c.startupWatcherEnabled = false;
    c.router.ignoreTrailingSlashes = true;
    c.http.prefer405over404 = true;
    c.staticFiles.enableWebjars();
    Dashboard.configure(c);
    ProblemMapper.install(c);
    SlowRequests.configure(c.jetty);
    // Jetty caches header values per connection and by default looks them up ignoring case: a
    // token differing only in case from one sent earlier on the same (proxy) connection came
    // back as the earlier one, so a wrong-case token passed and a right one could be refused
    c.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
    c.jetty.modifyServer(
        server -> {
          // with a StatisticsHandler in the chain, stop() waits for requests in flight (up to
          // the stop timeout) instead of cutting them: an acknowledged batch is never lost
          server.setHandler(new StatisticsHandler());
          server.setStopTimeout(10_000);
          server.setErrorHandler(new JettyErrors());
        });
    c.requestLogger.http(
        (ctx, ms) ->
            metrics.request(
                ctx.method().name(), RouteNames.of(ctx), ctx.statusCode(), ms / 1000.0));
  }

  /**
   * Registers every route on {@code app}. Returns the reports endpoint, whose own reads the server
   * stops before it closes the database ({@link ReportsEndpoint#stop}).
   */
  static ReportsEndpoint register(Javalin app, Parts p) {
    Bodies bodies = new Bodies(p.config().maxBodyBytes());
    IngestService ingest = new IngestService(p.database(), p.privacy(), p.metrics());
    var ingestEndpoint = new IngestEndpoint(ingest, bodies, p.clock());
    var rest = new RestEventsEndpoint(ingest, p.database(), bodies, p.metrics(), p.clock());
    var health = new HealthEndpoint(p.database(), ServerInfo.current().version());
    var actors = new ActorsEndpoint(p.database(), p.privacy());
    var metrics = new MetricsEndpoint(p.metrics());
    var docs = new DocsEndpoint(ServerInfo.current());
    var infer = new InferEndpoint(p.inference());
    Authenticator auth = p.auth();
    // first, before any handler reads a body or checks a token (GET /health is exempt)
    var limiter =
        new RateLimiter(
            p.config().rateLimitPerToken(),
            p.config().rateLimitPerAddress(),
            auth,
            p.metrics(),
            p.nanoTime());
    app.before(limiter::check);
    app.before(PercentEncoding::check);

    app.get("/health", health::handle);
    app.get("/metrics", metrics::handle);
    app.get("/openapi.json", docs::openApi);
    app.get("/docs", docs::page);
    Dashboard.register(app);
    app.post("/ingest", auth.require(Access.INGEST, ingestEndpoint::handle));
    app.post("/rest/v1/events", auth.require(Access.INGEST, rest::insert));
    // checks the ingest token itself: OTLP clients expect its errors as a google.rpc.Status
    var otlp = new OtlpEndpoint(ingest, p.metrics(), auth, bodies, p.clock());
    app.post("/v1/traces", otlp::traces);
    // PostHog's capture API; the endpoint checks the token itself (it may be in the body)
    var posthog = new PosthogEndpoint(ingest, auth, bodies, p.posthog(), p.metrics(), p.clock());
    for (String path : PosthogEndpoint.PATHS) {
      app.post(path, posthog::handle);
    }
    app.get("/rest/v1/events", auth.require(Access.READ, rest::list));
    app.head("/rest/v1/events", auth.require(Access.READ, rest::list));
    app.delete("/actors/{actor_id}", auth.require(Access.ADMIN, actors::delete));
    var backup = new BackupEndpoint(p.database(), p.config().dataDir());
    app.post("/admin/backup", auth.require(Access.ADMIN, backup::backup));
    // inference costs a full scan at worst; ingest tokens ship inside every installed tool
    app.post("/infer", auth.require(Access.ADMIN, infer::infer));
    app.get("/workflows", auth.require(Access.READ, infer::workflows));
    ReportsEndpoint reports =
        new ReportsEndpoint(p.database(), p.reportSettings(), p.inference()::isRunning);
    p.metrics()
        .inference(
            new InferenceGauges(p.database(), new RegressionWatch(p.reportSettings()), p.clock()));
    p.inference().onChange(reports::warm);
    reports.warmInBackground();
    app.get("/reports/summary", auth.require(Access.READ, reports::summary));
    app.get("/reports/workflows/{name}", auth.require(Access.READ, reports::workflow));
    app.get("/reports/hot-paths", auth.require(Access.READ, reports::hotPaths));
    app.get("/reports/recovery", auth.require(Access.READ, reports::recovery));
    app.get("/reports/nsm", auth.require(Access.READ, reports::nsm));
    app.get("/reports/versions", auth.require(Access.READ, reports::versions));
    app.get("/reports/trends", auth.require(Access.READ, reports::trends));
    app.get("/reports/adoption", auth.require(Access.READ, reports::adoption));
    app.get("/reports/platforms", auth.require(Access.READ, reports::platforms));
    return reports;
  }
}
