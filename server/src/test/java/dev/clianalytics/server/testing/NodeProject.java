package dev.clianalytics.server.testing;

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
 * An npm project under {@code src/test/NAME} (real client libraries users have, pinned by its lock
 * file), copied to {@code target/NAME}, installed there with {@code npm ci} and run with node.
 * Without node or npm the tests that use it are skipped visibly, except under {@code CI=true},
 * where they fail ({@code .ci/setup-extras} installs both).
 */
public final class NodeProject {
  private final Path work;

  private NodeProject(Path work) {
    this.work = work;
  }

  /** The output and exit status of one command run in the project. */
  public record ProcessResult(int exit, String output) {}

  /**
   * Copies {@code files} of {@code src/test/name} and installs its locked packages unless every one
   * of {@code modules} is installed already.
   */
  public static NodeProject prepare(String name, List<String> files, List<String> modules)
      throws IOException, InterruptedException {
    requireTool("node");
    requireTool("npm");
    Path project = Path.of("src/test", name);
    NodeProject node = new NodeProject(Path.of("target", name));
    Files.createDirectories(node.work);
    for (String file : files) {
      Files.copy(
          project.resolve(file), node.work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!modules.stream()
        .allMatch(m -> Files.isDirectory(node.work.resolve("node_modules/" + m)))) {
      ProcessResult install =
          node.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of());
      assertEquals(0, install.exit(), "npm ci failed: " + install.output());
    }
    return node;
  }

  /** Runs {@code command} in the project with {@code env} added, for at most five minutes. */
  public ProcessResult run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
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
