package dev.clianalytics.core.inference;

import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.session.Sessionizer;
import dev.clianalytics.core.workflow.AutoWorkflows;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one inference: {@code SESSION_TIMEOUT} (default 30m), the catalog in force,
 * {@code AUTO_WORKFLOW_MIN_RUNS} (default 5, at least 1), hot path depth {@code k} (default 3),
 * {@code MIN_ACTORS} (default 1, at least 1) and the north-star options.
 */
public record InferenceOptions(
    Duration sessionTimeout,
    WorkflowCatalog catalog,
    int autoWorkflowMinRuns,
    int pathDepth,
    int minActors,
    NsmOptions nsm) {
  public InferenceOptions {
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(nsm, "nsm");
    if (autoWorkflowMinRuns < 1 || pathDepth < 0 || minActors < 1) {
      throw new IllegalArgumentException(
          "need AUTO_WORKFLOW_MIN_RUNS >= 1, path depth >= 0 and MIN_ACTORS >= 1; was "
              + autoWorkflowMinRuns
              + ", "
              + pathDepth
              + ", "
              + minActors);
    }
  }

  /** The documented defaults with the built-in catalog. */
  public static InferenceOptions defaults() {
    return new InferenceOptions(
        Sessionizer.DEFAULT_TIMEOUT,
        WorkflowCatalog.builtIn(),
        AutoWorkflows.DEFAULT_MIN_RUNS,
        HotPaths.DEFAULT_DEPTH,
        1,
        NsmOptions.defaults());
  }

  /** These options with another catalog. */
  public InferenceOptions withCatalog(WorkflowCatalog other) {
    return new InferenceOptions(
        sessionTimeout, other, autoWorkflowMinRuns, pathDepth, minActors, nsm);
  }
}
