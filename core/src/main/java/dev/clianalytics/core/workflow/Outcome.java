package dev.clianalytics.core.workflow;

/**
 * The outcome of one workflow instance (docs/inference.md). SUCCESS, FAILED and ABANDONED are
 * final; IN_PROGRESS is only given to instances of a session that is still open.
 */
public enum Outcome {
  SUCCESS,
  FAILED,
  ABANDONED,
  IN_PROGRESS;

  /** True for the outcomes that count as closed in a success rate. */
  public boolean isClosed() {
    return this != IN_PROGRESS;
  }
}
