package dev.clianalytics.core.inference;

import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.recovery.RecoveryAnalysis;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.core.workflow.WorkflowDetector;

/** Derives a {@link SessionResult} from one session: instances, path counts and recovery. */
public final class SessionAnalyzer {
  private final WorkflowDetector detector;
  private final int pathDepth;

  /** An analyzer for this catalog and hot path depth {@code k} (default 3, at least 0). */
  public SessionAnalyzer(WorkflowCatalog catalog, int pathDepth) {
    if (pathDepth < 0) {
      throw new IllegalArgumentException("hot path depth must be >= 0, was " + pathDepth);
    }
    this.detector = new WorkflowDetector(catalog);
    this.pathDepth = pathDepth;
  }

  /** Instances, path counts and recovery counts of one session. */
  public SessionResult analyze(Session session) {
    return new SessionResult(
        session,
        detector.detect(session),
        HotPaths.contributions(session, pathDepth),
        RecoveryAnalysis.contributions(session),
        pathDepth);
  }
}
