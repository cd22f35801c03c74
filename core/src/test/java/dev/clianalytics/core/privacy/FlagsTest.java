package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagsTest {
  @Test
  void sanitize_flagWithValue_keepsOnlyTheName() {
    assertEquals(List.of("--out"), Flags.sanitize(List.of("--out=/tmp/x")));
  }

  @Test
  void sanitize_anyNumberOfFlags_givesTheDistinctNamesInNaturalOrder() {
    String[] pool = {
      "--verbose",
      "-v",
      "-V",
      "--force",
      "--Force",
      "--out=/tmp/x",
      "--out",
      "-a",
      "-b",
      "--a",
      "--token",
      "--x1",
      "--zz",
      "-Z",
      "--dry-run",
      "--dry_run",
      "-O2",
      "--level=3",
      "-",
      "--",
      "x"
    };
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      int n = random.nextInt(Flags.SMALL * 2 + 2);
      List<String> flags = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        flags.add(pool[random.nextInt(pool.length)]);
      }
      TreeSet<String> expected = new TreeSet<>();
      for (String flag : flags) {
        String name = Flags.name(flag);
        if (name != null) {
          expected.add(name);
        }
      }
      assertEquals(new ArrayList<>(expected), Flags.sanitize(flags), flags.toString());
    }
  }

  @Test
  void sanitize_deduplicatesAndSorts() {
    assertEquals(
        List.of("--force", "--verbose", "-v"),
        Flags.sanitize(List.of("--verbose", "-v", "--force", "--verbose=2", "--force")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--token",
        "--password=hunter2",
        "--api-key",
        "--apiKey",
        "--db-password",
        "--aws-secret",
        "--ssh-key",
        "--no-auth",
        "--authorization",
        "--client-credentials",
        "--cred",
        "--private",
        "--cookie-jar",
        "--bearer",
        "--passphrase",
        "--signature",
        "--otp",
        "--session-id",
        "--Session",
        "--KEY",
        "--passwd",
        "--pwd",
        "-Dpassword=x",
        "--newpassword",
        "--accessToken"
      })
  void sanitize_blocklistedWord_dropsTheFlag(String flag) {
    assertEquals(List.of(), Flags.sanitize(List.of(flag)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/tmp/x",
        "value",
        "--",
        "---x",
        "--out/put",
        "--über",
        "-",
        "--a.b",
        "--xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void sanitize_wrongShape_isDropped(String flag) {
    assertEquals(List.of(), Flags.sanitize(List.of(flag)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--keep", "--monkey", "--max-tokens", "--author", "--keyboard-layout"})
  void sanitize_wordsThatOnlyResembleBlocklistedOnes_areKept(String flag) {
    assertEquals(List.of(flag), Flags.sanitize(List.of(flag)));
  }

  @Test
  void name_shortOptionWithGluedValue_keepsTheOptionLetter() {
    assertEquals("-p", Flags.name("-pHunter2"));
    assertEquals("-X", Flags.name("-Xmx512m"));
    assertEquals("-O", Flags.name("-O2"));
    assertEquals("-sV", Flags.name("-sV"));
  }

  @Test
  void name_valueShapedName_isDropped() {
    assertNull(Flags.name("--3f2a9bc1d4e5"));
    assertNull(Flags.name("--ghp_0123456789abcdefABCDEF"));
  }

  @Test
  void sanitize_keepsAtMost64() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add("--flag-" + (char) ('a' + i % 26) + (char) ('a' + i / 26));
    }
    assertEquals(64, Flags.sanitize(many).size());
  }
}
