package dev.clianalytics.server.testing;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * For jqwik containers (which report an aborted {@code @BeforeContainer} as an error, not a skip):
 * skips with the usual visible reason when {@code TEST_DATABASE_URL} is unset, and fails under
 * {@code CI=true}, exactly as {@link TestPostgres#configuredUrl()} does for JUnit tests.
 */
public final class RequiresPostgres implements SkipExecutionHook {
  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    String url = System.getenv(TestPostgres.ENV);
    if (url != null && !url.isBlank() || "true".equalsIgnoreCase(System.getenv("CI"))) {
      return SkipResult.doNotSkip();
    }
    return SkipResult.skip(TestPostgres.ENV + " is not set, so the PostgreSQL tests cannot run");
  }
}
