package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandPathsTest {
  private static List<String> cut(String... path) {
    return CommandPaths.cut(List.of(path));
  }

  @Test
  void cut_branchName_isDropped() {
    assertEquals(List.of("git", "checkout"), cut("git", "checkout", "feature/login"));
  }

  @Test
  void cut_plainSubcommands_areKept() {
    assertEquals(List.of("terraform", "apply"), cut("terraform", "apply"));
    assertEquals(List.of("kubectl", "rollout", "status"), cut("kubectl", "rollout", "status"));
    assertEquals(List.of("aws", "s3", "cp"), cut("aws", "s3", "cp", "s3://bucket/key", "."));
  }

  @Test
  void cut_tool_isLowercasedAndStrippedToItsFileName() {
    assertEquals(List.of("terraform", "plan"), cut("Terraform", "plan"));
    assertEquals(List.of("gradlew", "build"), cut("./gradlew", "build"));
    assertEquals(List.of("node.exe"), cut("C:\\Program Files\\nodejs\\node.exe"));
  }

  @Test
  void cut_elementWithUppercase_isCutNotLowercased() {
    assertEquals(List.of("npm"), cut("npm", "Install", "lodash"));
  }

  @Test
  void cut_flag_endsThePath() {
    assertEquals(List.of("kubectl"), cut("kubectl", "-n", "prod", "get", "pods"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "12345",
        "build2024",
        "deadbeef",
        "3f2a9bc",
        "a1b2c3d4",
        "utf8mb4x9",
        "123e4567-e89b-12d3-a456-426614174000",
        "web-7d9f8b6c5d-x2kqp",
        "ab12cd34ef56"
      })
  void cut_valueLookingElement_endsThePath(String value) {
    assertEquals(List.of("kubectl", "logs"), cut("kubectl", "logs", value, "more"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "ec2", "sha256sum", "k8s", "i18n", "python3", "base64", "route53"})
  void cut_wordsWithDigits_areKept(String word) {
    assertEquals(List.of("tool", word), cut("tool", word));
  }

  @Test
  void cut_keepsAtMostSixElements() {
    assertEquals(
        List.of("a", "b", "c", "d", "e", "f"), cut("a", "b", "c", "d", "e", "f", "g", "h"));
  }

  @Test
  void cut_elementLongerThan32_isCut() {
    assertEquals(List.of("tool"), cut("tool", "a".repeat(33)));
  }

  @Test
  void tool_thatIsASecretOrAddress_isReplaced() {
    assertEquals("<secret>", CommandPaths.tool("ghp_0123456789abcdefABCDEF0123456789abcd"));
    assertEquals("<secret>", CommandPaths.tool("ytH5k1zr7ZQ5k2FasEDPwdVjSQfOW8G3CJ8GgpFokCL+Kiwf"));
    assertEquals("<secret>", CommandPaths.tool("172.18.1.5"));
    assertEquals("<secret>", CommandPaths.tool("user=bob"));
  }
}
