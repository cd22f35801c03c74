package dev.clianalytics.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
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
 * {@code /rest/v1/events} driven by the official PostgREST JavaScript client (npm
 * {@code @supabase/postgrest-js}, pinned in {@code src/test/postgrest-js}). Needs node and npm;
 * skipped visibly without them, except under {@code CI=true}.
 */
class PostgrestJsCompatibilityTest {
  private static final Path PROJECT = Path.of("src/test/postgrest-js");
  private static final Path WORK = Path.of("target/postgrest-js");

  @TempDir Path dataDir;

  @Test
  void officialClient_insertsAndSelectsLikeOnPostgrest() throws Exception {
    requireTool("node");
    requireTool("npm");
    prepareProject();
    ServerConfig config =
        ServerConfig.from(
            Map.of("DATA_DIR", dataDir.toString(), "PORT", "0", "ADMIN_TOKEN", "compat-admin-1"),
            dataDir.resolve("none"));
    try (CliAnalyticsServer server =
        CliAnalyticsServer.start(config, Storages.open(null, dataDir))) {
      ProcessResult result =
          run(
              List.of("node", "compat.mjs"),
              Map.of(
                  "REST_URL",
                  "http://127.0.0.1:" + server.port() + "/rest/v1",
                  "TOKEN",
                  "compat-admin-1"));
      assertEquals(0, result.exit(), result.output());
      assertTrue(result.output().contains("\"ok\":true"), result.output());
    }
  }

  private static void prepareProject() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    for (String name : List.of("package.json", "package-lock.json", "compat.mjs")) {
      Files.copy(PROJECT.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/@supabase/postgrest-js"))) {
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
      String reason = tool + " is not installed, so the postgrest-js compatibility test cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + " (required because CI=true; .ci/setup-extras installs it)");
      }
      Assumptions.abort(reason);
    }
  }
}
