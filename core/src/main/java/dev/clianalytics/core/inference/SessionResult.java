package dev.clianalytics.core.inference;

import dev.clianalytics.core.hotpath.PathCount;
import dev.clianalytics.core.recovery.RecoveryCount;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.WorkflowInstance;
import java.util.List;

/**
 * Everything inference derives from one session. Each part depends on that session alone, so a
 * store can keep results per session, replace the results of recomputed sessions, and merge the
 * rest with {@link dev.clianalytics.core.hotpath.HotPaths#rank} and {@link
 * dev.clianalytics.core.recovery.RecoveryAnalysis#merge}. {@code pathDepth} is the hot path depth
 * {@code k} the path counts were taken with.
 */
public record SessionResult(
    Session session,
    List<WorkflowInstance> instances,
    List<PathCount> paths,
    List<RecoveryCount> recovery,
    int pathDepth) {
  public SessionResult {
    if (pathDepth < 0) {
      throw new IllegalArgumentException("hot path depth must be >= 0, was " + pathDepth);
    }
    instances = List.copyOf(instances);
    paths = List.copyOf(paths);
    recovery = List.copyOf(recovery);
  }
}
