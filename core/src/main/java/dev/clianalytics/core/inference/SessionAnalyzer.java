package dev.clianalytics.core.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.recovery.RecoveryAnalysis;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.core.workflow.WorkflowDetector;
import java.util.List;

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

  /**
   * Instances, path counts and recovery counts of one session, taken from the runs its events stand
   * for ({@link StartMarkers#runs}: start markers paired or turned into interrupted runs).
   */
  public SessionResult analyze(Session session) {
    return analyze(session, new HotPaths.Names());
  }

  /**
   * As {@link #analyze(Session)}, naming hot path sequences through {@code names}, which the
   * calling thread keeps across the sessions of one inference.
   */
  public SessionResult analyze(Session session, HotPaths.Names names) {
    List<Event> runs = StartMarkers.runs(session);
    if (runs.isEmpty()) {
      return new SessionResult(session, List.of(), List.of(), List.of(), pathDepth);
    }
    Session analyzed =
        runs == session.events()
            ? session
            : new Session(
                session.id(), session.actorId(), session.sessionHint(), runs, session.open());
    return new SessionResult(
        session,
        detector.detect(analyzed),
        HotPaths.contributions(analyzed, pathDepth, names),
        RecoveryAnalysis.contributions(analyzed),
        pathDepth);
  }
}
