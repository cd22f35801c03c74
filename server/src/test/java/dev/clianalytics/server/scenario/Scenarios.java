package dev.clianalytics.server.scenario;

import dev.clianalytics.server.testing.Http;
import java.util.Map;

/** What the scenario contracts need from {@link ServerFixture}. */
interface Scenarios {
  Http http();

  void send(Ev... events);

  Map<?, ?> infer();

  Map<?, ?> inferFull();

  Map<?, ?> get(String path);

  void restart(Map<String, String> settings);
}
