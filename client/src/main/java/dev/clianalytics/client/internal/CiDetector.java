package dev.clianalytics.client.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detects a CI run from the environment variables the common CI services set. An explicit falsy
 * {@code CI} (such as {@code CI=false}) wins over everything, as in npm's ci-info, so users can say
 * "this is not CI" when a service variable leaks into a local shell.
 */
final class CiDetector {
  /** Variables whose mere presence (non-empty) marks a CI service. */
  private static final List<String> SERVICE_VARIABLES =
      List.of(
          "GITLAB_CI",
          "CIRCLECI",
          "TRAVIS",
          "JENKINS_URL",
          "BUILDKITE",
          "TEAMCITY_VERSION",
          "BITBUCKET_BUILD_NUMBER",
          "CODEBUILD_BUILD_ID");

  private CiDetector() {}

  static boolean detect(Map<String, String> env) {
    String ci = env.get("CI");
    if (ci != null && Truthy.isFalsy(ci)) {
      return false;
    }
    if (ci != null && !ci.isBlank()) {
      return true;
    }
    if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
      return true;
    }
    if ("true".equals(lower(env.get("TF_BUILD")))) {
      return true;
    }
    for (String name : SERVICE_VARIABLES) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static String lower(String s) {
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
  }
}
