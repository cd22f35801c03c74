package dev.clianalytics.client.internal;

import dev.clianalytics.client.TelemetrySettings;

/** The settings of the tool most tests record for. */
final class Tools {
  static final TelemetrySettings MYTOOL = TelemetrySettings.builder("mytool", "2.1.0").build();

  private Tools() {}
}
