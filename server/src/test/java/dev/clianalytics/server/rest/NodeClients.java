package dev.clianalytics.server.rest;

import dev.clianalytics.server.testing.NodeProject;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The npm project in {@code src/test/postgrest-js}: the official {@code @supabase/postgrest-js} and
 * {@code @supabase/supabase-js}, pinned by its lock file.
 */
final class NodeClients {
  private static NodeProject project;

  private NodeClients() {}

  /** Copies the project and installs its locked packages when they are not there yet. */
  static synchronized void prepare() throws IOException, InterruptedException {
    project =
        NodeProject.prepare(
            "postgrest-js",
            List.of("package.json", "package-lock.json", "compat.mjs", "supabase.mjs"),
            List.of("@supabase/postgrest-js", "@supabase/supabase-js"));
  }

  static NodeProject.ProcessResult run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    return project.run(command, env);
  }
}
