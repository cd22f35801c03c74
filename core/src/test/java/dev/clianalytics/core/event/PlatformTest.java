package dev.clianalytics.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.privacy.Privacy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {
  @ParameterizedTest
  @CsvSource({
    "Linux, linux",
    "Mac OS X, darwin",
    "darwin, darwin",
    "macOS, darwin",
    "Windows 11, windows",
    "win32, windows",
    "FreeBSD, freebsd",
    "SunOS, solaris",
    "z_os, zos"
  })
  void os_usualSpellings_becomeTheCanonicalName(String raw, String os) {
    assertEquals(os, Platform.os(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "amd64, amd64",
    "x86_64, amd64",
    "x64, amd64",
    "aarch64, arm64",
    "arm64, arm64",
    "i686, x86",
    "ia32, x86",
    "armv7l, arm32",
    "ppc64le, ppc64le",
    "s390x, s390x"
  })
  void arch_usualSpellings_becomeTheCanonicalName(String raw, String arch) {
    assertEquals(arch, Platform.arch(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "OpenJDK Runtime Environment, 21.0.2+13-LTS, java-21",
    "java, 1.8.0_392, java-8",
    "nodejs, v20.11.1, node-20.11",
    "CPython, 3.12.1, python-3.12",
    "go, go1.22, ",
    "go, 1.22.3, go-1.22",
    ".NET, 8.0.1, dotnet-8.0"
  })
  void runtime_nameAndVersion_becomeNameMajorMinor(String name, String version, String runtime) {
    assertEquals(runtime, Platform.runtime(name, version));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ubuntu 22.04 on alice-laptop",
        "alice",
        "linux; rm -rf /",
        "10.0.0.1",
        "",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void freeText_isDroppedFromEveryField(String text) {
    Platform p = new Platform(text, text, text).normalized();
    assertEquals(Platform.NONE, p);
  }

  @Test
  void shapedRuntime_isKeptAndNormalized() {
    assertEquals("java-21", Platform.runtime("java-21"));
    assertEquals("node-20.11", Platform.runtime("node-20.11"));
    assertNull(Platform.runtime("mylang-1"));
  }

  @Test
  void ofThisJvm_givesCanonicalValues() {
    Platform p = Platform.ofThisJvm();
    assertEquals(p, p.normalized());
    assertTrue(p.runtime().startsWith("java-"), p.runtime());
  }

  @Test
  void validatorAndPrivacy_keepCanonicalFieldsAndDropTheRest() {
    Map<String, Object> json =
        Map.of(
            "timestamp", "2026-01-24T10:00:00Z",
            "tool_name", "t",
            "command_path", List.of("t"),
            "exit_code", 0,
            "actor_id", "a",
            "os", "Mac OS X",
            "arch", "my laptop",
            "runtime", "java-21");
    Event e =
        ((Validation.Valid) EventValidator.validate(json, Instant.parse("2026-01-24T10:00:00Z")))
            .event();
    Map<String, Object> out = Privacy.client().apply(e).toJson();
    assertEquals("darwin", out.get("os"));
    assertEquals(false, out.containsKey("arch"));
    assertEquals("java-21", out.get("runtime"));
  }

  @Test
  void validator_nonStringOs_isAFieldError() {
    Map<String, Object> json =
        Map.of(
            "timestamp",
            "2026-01-24T10:00:00Z",
            "tool_name",
            "t",
            "command_path",
            List.of("t"),
            "exit_code",
            0,
            "actor_id",
            "a",
            "os",
            7);
    Validation v = EventValidator.validate(json);
    assertEquals(
        List.of(new FieldError("os", "must be a string, got a number")),
        ((Validation.Invalid) v).errors());
  }
}
