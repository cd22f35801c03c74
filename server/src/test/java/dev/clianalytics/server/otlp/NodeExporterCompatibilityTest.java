package dev.clianalytics.server.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.server.storage.Storages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/traces} fed by the official OpenTelemetry JavaScript exporter (npm {@code
 * @opentelemetry/exporter-trace-otlp-proto} with {@code @opentelemetry/sdk-trace-base}, pinned in
 * {@code src/test/otlp-js}), configured only by the standard {@code OTEL_EXPORTER_OTLP_*}
 * environment variables. Needs node and npm; skipped visibly without them, except under {@code
 * CI=true}.
 */
class NodeExporterCompatibilityTest {
  private static final Path PROJECT = Path.of("src/test/otlp-js");
  private static final Path WORK = Path.of("target/otlp-js");

  @TempDir Path dataDir;

  @Test
  void officialProtobufExporter_runsAppearInTheSummaryWithTheirOutcomes() throws Exception {
    requireTool("node");
    requireTool("npm");
    prepareProject();
    try (OtlpServer server = new OtlpServer(Storages.open(null, dataDir), null, Map.of())) {
      ProcessResult result =
          run(
              List.of("node", "compat.mjs"),
              Map.of(
                  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                  server.tracesUrl(),
                  "OTEL_EXPORTER_OTLP_HEADERS",
                  "Authorization=Bearer%20" + OtlpServer.INGEST,
                  "OTEL_EXPORTER_OTLP_COMPRESSION",
                  "gzip"));
      assertEquals(0, result.exit(), result.output());
      assertTrue(result.output().contains("\"ok\":true"), result.output());
      CliRunsScenario.assertSummary(server.summary());
    }
  }

  private static void prepareProject() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    for (String name : List.of("package.json", "package-lock.json", "compat.mjs")) {
      Files.copy(PROJECT.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/@opentelemetry/exporter-trace-otlp-proto"))) {
      ProcessResult install =
          run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of());
      assertEquals(0, install.exit(), "npm ci failed: " + install.output());
    }
  }

  private record ProcessResult(int exit, String output) {}

  private static ProcessResult run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(command + " did not finish in 5 minutes");
    }
    return new ProcessResult(p.exitValue(), output);
  }

  private static void requireTool(String tool) throws InterruptedException {
    boolean found;
    try {
      found = new ProcessBuilder(tool, "--version").start().waitFor() == 0;
    } catch (IOException e) {
      found = false;
    }
    if (!found) {
      String reason =
          tool + " is not installed, so the OTLP JavaScript compatibility test cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + " (required because CI=true; .ci/setup-extras installs it)");
      }
      Assumptions.abort(reason);
    }
  }
}
