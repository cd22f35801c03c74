package dev.clianalytics.server.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.testing.NodeProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  @TempDir Path dataDir;

  @Test
  void officialProtobufExporter_runsAppearInTheSummaryWithTheirOutcomes() throws Exception {
    NodeProject node =
        NodeProject.prepare(
            "otlp-js",
            List.of("package.json", "package-lock.json", "compat.mjs"),
            List.of("@opentelemetry/exporter-trace-otlp-proto"));
    try (OtlpServer server = new OtlpServer(Storages.open(null, dataDir), null, Map.of())) {
      NodeProject.ProcessResult result =
          node.run(
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
}
