package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What makes an error useful must pass through untouched. */
class UsefulWordsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.io.FileNotFoundException: config missing",
        "Error: connect ECONNREFUSED after 3 retries",
        "npm ERR! code ENOENT npm ERR! syscall open",
        "HTTP 404 Not Found after 1m20s",
        "git exited with exit status 128",
        "installed lodash@4.17.21 and @types/node@20.11.5 with npm 10.2.4",
        "terraform v1.7.0 failed on aws_instance.web (module.vpc.aws_subnet.private)",
        "kubectl: deployment/web not ready after 30s; pods/web-0 pending",
        "Could not resolve org.slf4j:slf4j-api:2.0.17 from central",
        "go: github.com/spf13/cobra@v1.8.0: invalid version",
        "thread 'main' panicked: std::io::Error kind NotFound",
        "error[E0308]: mismatched types, expected u32 (v2.3.4-rc1)",
        "3/5 tests failed; TCP/IP and read/write errors; i/o timeout at 12:30:45",
        "docker: Error response from daemon: Bind for 0.0.0.0 failed: port is already allocated",
        "java.lang.NoClassDefFoundError: org/apache/commons/lang3/StringUtils",
        "x86_64-unknown-linux-gnu toolchain missing for AbstractAutowireCapableBeanFactory",
        "no AArch64HotSpotJVMCIBackendFactory or AbstractAnnotationValueVisitor14 in LinuxAMD64Access",
        "HttpObjectAggregator2 and OutboundHandlerAdapter3 failed in Http2MultiplexHandler"
      })
  void benignMessage_isUnchanged(String message) {
    String expected =
        message.replace("Bind for 0.0.0.0 failed", "Bind for <ip> failed"); // an address is one
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @Test
  void errorType_plainIdentifier_isKept() {
    assertEquals(
        "java.io.FileNotFoundException", ErrorText.errorType("java.io.FileNotFoundException"));
    assertEquals("ECONNREFUSED", ErrorText.errorType("ECONNREFUSED"));
    assertEquals("Outer$Inner:E42", ErrorText.errorType("Outer$Inner:E42"));
  }

  @Test
  void errorType_withPathOrSecret_isRedactedAsAMessage() {
    assertEquals("open <path>", ErrorText.errorType("open /home/alice/x"));
    assertEquals("<secret>", ErrorText.errorType("ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"));
  }

  @Test
  void errorType_isCutTo128() {
    assertEquals(128, ErrorText.errorType("E".repeat(300)).length());
  }

  @Test
  void errorMessage_isCutTo512AfterRedaction() {
    String message = "/home/alice/" + "x".repeat(600) + " failed " + "word ".repeat(200);
    String out = ErrorText.errorMessage(message);
    assertEquals(512, out.length());
    assertEquals("<path> failed word", out.substring(0, 18));
  }

  @Test
  void absentMessage_staysAbsent() {
    assertNull(ErrorText.errorMessage(null));
    assertNull(ErrorText.errorType(null));
  }
}
