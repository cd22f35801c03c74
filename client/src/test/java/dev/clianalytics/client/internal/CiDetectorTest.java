package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CiDetectorTest {
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "GITHUB_ACTIONS, true",
    "GITLAB_CI, true",
    "CIRCLECI, true",
    "TRAVIS, true",
    "JENKINS_URL, http://jenkins.local/",
    "BUILDKITE, true",
    "TF_BUILD, True",
    "TEAMCITY_VERSION, 2024.1",
    "BITBUCKET_BUILD_NUMBER, 42",
    "CODEBUILD_BUILD_ID, proj:1234",
    "CI, true",
    "CI, 1",
  })
  void detect_serviceVariable_isCi(String name, String value) {
    assertTrue(CiDetector.detect(Map.of(name, value)));
  }

  @Test
  void detect_noVariables_isNotCi() {
    assertFalse(CiDetector.detect(Map.of("HOME", "/home/ada", "TERM", "xterm")));
  }

  @Test
  void detect_ciFalse_winsOverServiceVariables() {
    assertFalse(CiDetector.detect(Map.of("CI", "false", "GITHUB_ACTIONS", "true")));
    assertFalse(CiDetector.detect(Map.of("CI", "0")));
  }

  @Test
  void detect_githubActionsNotTrue_isNotCi() {
    assertFalse(CiDetector.detect(Map.of("GITHUB_ACTIONS", "false", "TF_BUILD", "")));
  }
}
