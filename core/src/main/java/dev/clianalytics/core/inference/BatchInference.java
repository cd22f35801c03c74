package dev.clianalytics.core.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.hotpath.PathCount;
import dev.clianalytics.core.nsm.NorthStar;
import dev.clianalytics.core.recovery.RecoveryAnalysis;
import dev.clianalytics.core.recovery.RecoveryCount;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.session.Sessionizer;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.core.workflow.AutoWorkflows;
import dev.clianalytics.core.workflow.WorkflowInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Full inference over events held in memory: the reference the incremental server path must agree
 * with, and what offline tools use.
 */
public final class BatchInference {
  private BatchInference() {}

  /** Infers everything from {@code events} (any order) with the horizon taken at {@code now}. */
  public static InferenceResult run(
      Collection<Event> events, Instant now, InferenceOptions options) {
    Instant newest = events.stream().map(Event::timestamp).max(Instant::compareTo).orElse(null);
    Instant horizon = Sessionizer.horizon(newest, now);
    Sessionizer sessionizer = new Sessionizer(options.sessionTimeout());
    List<Session> sessions = sessionizer.sessionize(events, horizon);
    SessionAnalyzer analyzer = new SessionAnalyzer(options.catalog(), options.pathDepth());
    List<WorkflowInstance> instances = new ArrayList<>();
    List<PathCount> paths = new ArrayList<>();
    List<RecoveryCount> recovery = new ArrayList<>();
    NorthStar nsm = new NorthStar(options.nsm());
    HotPaths.Names names = new HotPaths.Names();
    for (Session session : sessions) {
      SessionResult result = analyzer.analyze(session, names);
      instances.addAll(result.instances());
      paths.addAll(result.paths());
      recovery.addAll(result.recovery());
      // the north star counts events received, as the server's daily counts do: not markers
      session.events().stream().filter(e -> !StartMarkers.isMarker(e)).forEach(nsm::add);
    }
    return new InferenceResult(
        sessions,
        AutoWorkflows.counted(instances, options.autoWorkflowMinRuns()),
        HotPaths.rank(paths, options.minActors()),
        RecoveryAnalysis.merge(recovery, options.minActors()),
        nsm.weeks());
  }
}
