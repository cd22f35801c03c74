package dev.clianalytics.core.workflow;

/**
 * How a command ended, from its exit code (docs/inference.md and docs/reports.md): 0 is a success,
 * 130 (SIGINT) and 143 (SIGTERM) are interrupts (the user cancelled), anything else is a failure.
 */
public enum Exit {
  SUCCESS,
  FAILURE,
  INTERRUPT;

  /** Classifies one exit code. */
  public static Exit of(int exitCode) {
    return switch (exitCode) {
      case 0 -> SUCCESS;
      case 130, 143 -> INTERRUPT;
      default -> FAILURE;
    };
  }

  /** True for a failing event: a non-zero exit code other than an interrupt. */
  public static boolean isFailure(int exitCode) {
    return of(exitCode) == FAILURE;
  }
}
