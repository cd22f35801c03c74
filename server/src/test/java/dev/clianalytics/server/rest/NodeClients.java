package dev.clianalytics.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm project in {@code src/test/postgrest-js} (the official {@code @supabase/postgrest-js} and
 * {@code @supabase/supabase-js}, pinned by its lock file), installed with {@code npm ci} into
 * {@code target/postgrest-js} and run with node. Without node or npm the tests are skipped visibly,
 * except under {@code CI=true}, where they fail.
 */
final class NodeClients {
  private static final Path PROJECT = Path.of("src/test/postgrest-js");
  private static final Path WORK = Path.of("target/postgrest-js");
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", "compat.mjs", "supabase.mjs");

  private NodeClients() {}

  record ProcessResult(int exit, String output) {}

  /** Copies the project and installs its locked packages when they are not there yet. */
  static void prepare() throws IOException, InterruptedException {
    requireTool("node");
    requireTool("npm");
    Files.createDirectories(WORK);
    for (String name : FILES) {
      Files.copy(PROJECT.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/@supabase/postgrest-js"))
        || !Files.isDirectory(WORK.resolve("node_modules/@supabase/supabase-js"))) {
      ProcessResult install =
          run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of());
      assertEquals(0, install.exit(), "npm ci failed: " + install.output());
    }
  }

  static ProcessResult run(List<String> command, Map<String, String> env)
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
      String reason = tool + " is not installed, so the JavaScript client tests cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + " (required because CI=true; .ci/setup-extras installs it)");
      }
      Assumptions.abort(reason);
    }
  }
}
