package dev.clianalytics.server.report;

import dev.clianalytics.core.workflow.WorkflowCatalog;
import java.util.Objects;

/**
 * What reports need from the configuration: the catalog in force, {@code MIN_ACTORS}, {@code
 * AUTO_WORKFLOW_MIN_RUNS} and {@code NSM_COMMAND}, as ServerConfig checked them.
 */
public record ReportSettings(
    WorkflowCatalog catalog, int minActors, int autoWorkflowMinRuns, String nsmCommand) {
  public ReportSettings {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(nsmCommand, "nsmCommand");
  }
}
