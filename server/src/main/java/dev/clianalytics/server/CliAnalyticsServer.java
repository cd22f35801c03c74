package dev.clianalytics.server;

import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.server.auth.Authenticator;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.inference.Catalogs;
import dev.clianalytics.server.inference.InferenceScheduler;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.ops.Retention;
import dev.clianalytics.server.posthog.MappingFile;
import dev.clianalytics.server.posthog.PosthogMapping;
import dev.clianalytics.server.report.ReportsEndpoint;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.SchemaTooNewException;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageUnavailableException;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: Javalin on Jetty with virtual threads, the storage behind a readiness gate,
 * and the retention job. {@link #close()} stops taking requests, lets running ones finish, then
 * closes the database.
 */
public final class CliAnalyticsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CliAnalyticsServer.class);

  private final Javalin app;
  private final Database database;
  private final Retention retention;
  private final InferenceScheduler inference;
  private final InferenceService inferenceService;
  private final ReportsEndpoint reports;
  private final int port;

  private CliAnalyticsServer(
      Javalin app,
      Database database,
      Retention retention,
      InferenceScheduler inference,
      InferenceService inferenceService,
      ReportsEndpoint reports) {
    this.app = app;
    this.reports = reports;
    this.database = database;
    this.retention = retention;
    this.inference = inference;
    this.inferenceService = inferenceService;
    // Kept: once stopped, the connector reports its port as -2.
    this.port = app.port();
  }

  /**
   * Starts serving {@code config.port()} on {@code storage}, which the server now owns. The
   * embedded database must migrate at start; PostgreSQL may be down, the server then answers 503
   * until it returns.
   */
  public static CliAnalyticsServer start(ServerConfig config, Storage storage) {
    return start(config, storage, Clock.systemUTC());
  }

  /**
   * As {@link #start(ServerConfig, Storage)}, with {@code clock} as the time of ingest and
   * inference.
   */
  public static CliAnalyticsServer start(ServerConfig config, Storage storage, Clock clock) {
    return start(config, storage, clock, System::nanoTime);
  }

  /**
   * As {@link #start(ServerConfig, Storage, Clock)}, with {@code nanoTime} as the rate limits'
   * clock (a {@link System#nanoTime()}-like reading), so a test can hold it still.
   */
  public static CliAnalyticsServer start(
      ServerConfig config, Storage storage, Clock clock, LongSupplier nanoTime) {
    InferenceOptions options;
    PosthogMapping posthog;
    try {
      options = inferenceOptions(config);
      posthog = MappingFile.load(config.posthogMappingFile());
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    Database database = new Database(storage);
    migrateAtStart(config, database);
    Metrics metrics = new Metrics(database::poolStats);
    Privacy privacy = Privacy.server(config.hashSalt());
    Authenticator auth = new Authenticator(config);
    Javalin app = Javalin.create(c -> Routes.configure(c, metrics));
    InferenceService inferenceService = new InferenceService(database, options, clock);
    ReportsEndpoint reports =
        Routes.register(
            app,
            new Routes.Parts(
                config,
                database,
                privacy,
                auth,
                metrics,
                clock,
                nanoTime,
                inferenceService,
                posthog));
    Retention retention =
        new Retention(database, config.retentionDays(), config.aggregateRetentionDays(), clock);
    try {
      app.start(config.port());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    retention.start();
    InferenceScheduler scheduler = new InferenceScheduler(inferenceService, config.inferInterval());
    scheduler.start();
    announce(config, auth, app.port());
    return new CliAnalyticsServer(app, database, retention, scheduler, inferenceService, reports);
  }

  /** Inference settings from the configuration; loads and validates {@code WORKFLOWS_FILE}. */
  static InferenceOptions inferenceOptions(ServerConfig config) {
    return new InferenceOptions(
        config.sessionTimeout(),
        Catalogs.load(config.workflowsFile()),
        config.autoWorkflowMinRuns(),
        HotPaths.DEFAULT_DEPTH,
        config.minActors(),
        new NsmOptions(config.nsmCommand(), false));
  }

  private static void migrateAtStart(ServerConfig config, Database database) {
    try {
      database.migrate();
    } catch (StorageUnavailableException e) {
      if (config.embedded()) {
        database.close();
        throw e;
      }
      LOG.warn("PostgreSQL is not reachable at start; answering 503 until it is");
    } catch (SchemaTooNewException e) {
      // not an outage: waiting would serve 503s forever, so refuse to start
      database.close();
      throw e;
    }
  }

  private static void announce(ServerConfig config, Authenticator auth, int port) {
    LOG.info(
        "cli-analytics {} listening on port {} ({})",
        ServerInfo.current().version(),
        port,
        config.embedded()
            ? "embedded database in " + config.dataDir()
            : dev.clianalytics.server.storage.clickhouse.ClickHouseUrl.isClickHouse(
                    config.databaseUrl())
                ? "ClickHouse"
                : "PostgreSQL");
    if (auth.open()) {
      LOG.warn(
          "no tokens are set: every endpoint is open to anyone who can reach port {}; set"
              + " INGEST_TOKENS, READ_TOKENS and ADMIN_TOKEN to require tokens",
          port);
    } else if (config.readTokens().isEmpty() && config.adminTokens().isEmpty()) {
      LOG.warn("no READ_TOKENS or ADMIN_TOKEN is set: report and admin endpoints refuse everyone");
    }
  }

  /** True while an inference runs (scheduled or asked for), its report warm-up included. */
  public boolean inferenceRunning() {
    return inferenceService.isRunning();
  }

  /**
   * Runs {@code action} while no inference runs, first waiting for the running one to end;
   * inference waits meanwhile. The soak benchmark reads the heap this way (docs/server.md, Soak).
   */
  public <T> T betweenInferences(Supplier<T> action) {
    return inferenceService.betweenRuns(action);
  }

  /** The port the server listens (or listened) on, useful when started on port 0. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    inference.close();
    retention.close();
    app.stop();
    reports.stop();
    database.close();
    LOG.info("cli-analytics stopped");
  }
}
