package dev.clianalytics.core.inference;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.nsm.NsmWeek;
import dev.clianalytics.core.recovery.Recovery;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.WorkflowInstance;
import java.util.List;

/**
 * The result of a full inference: sessions (by actor, start), the workflow instances that count
 * (auto workflows below the run threshold left out), ranked hot paths, recovery per failing command
 * and the north-star weekly series.
 */
public record InferenceResult(
    List<Session> sessions,
    List<WorkflowInstance> instances,
    List<HotPath> hotPaths,
    List<Recovery> recovery,
    List<NsmWeek> nsm) {
  public InferenceResult {
    sessions = List.copyOf(sessions);
    instances = List.copyOf(instances);
    hotPaths = List.copyOf(hotPaths);
    recovery = List.copyOf(recovery);
    nsm = List.copyOf(nsm);
  }
}
