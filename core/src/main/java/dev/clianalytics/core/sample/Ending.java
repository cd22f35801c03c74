package dev.clianalytics.core.sample;

/** How one simulated command ends (named apart from the workflow {@code Outcome} it leads to). */
enum Ending {
  OK,
  FAIL,
  INTERRUPT;

  int exitCode(int failureCode) {
    return switch (this) {
      case OK -> 0;
      case FAIL -> failureCode;
      case INTERRUPT -> 130;
    };
  }
}
