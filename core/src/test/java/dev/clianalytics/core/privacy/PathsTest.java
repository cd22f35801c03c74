package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which words are file paths (docs/privacy.md, "Paths"), one rule at a time and on its boundaries:
 * each length and count limit one below, at and above.
 */
class PathsTest {
  private static void path(String w) {
    assertTrue(Paths.isPath(w), () -> w + " is a path");
  }

  private static void notPath(String w) {
    assertFalse(Paths.isPath(w), () -> w + " is not a path");
  }

  @Test
  void rooted_isAPathUnlessOnlySlashesOrAPrefixLength() {
    path("/etc");
    path("/a");
    path("/1a");
    path("//x");
    notPath("/");
    notPath("//");
    notPath("/24");
    notPath("/8");
  }

  @Test
  void home_isATildeAloneOrFollowedByASlashOrAUserName() {
    path("~");
    path("~/x");
    path("~\\x");
    path("~alice");
    path("~Z");
    notPath("~1");
    notPath("~-");
    notPath("~~");
  }

  @Test
  void dotted_relativePathsAndDotDirectories() {
    path("./run.sh");
    path("../x");
    path(".\\x");
    path(".ssh/authorized_keys");
    path(".a/b");
    path(".9/b");
    notPath(".-/b");
    notPath(".ab");
  }

  @Test
  void drive_isALetterAColonAndASlashOrBackslash() {
    path("C:\\x");
    path("c:/x");
    path("C:/");
    path("C:\\");
    notPath("1:/x");
    notPath("C:x");
    notPath("C:");
  }

  @Test
  void backslashes_aUncPathOrAtLeastThreeLettersAndNotAShortEscape() {
    path("\\\\host\\share");
    path("\\\\h");
    notPath("\\\\");
    path("dir\\f");
    path("ab\\c");
    notPath("a\\b");
    notPath("\\abc");
    path("\\abcd");
    notPath("\\n");
    path("ab\\cd");
  }

  @Test
  void slashes_relativePathsAreTwoSlashesOrAFileAtTheEnd() {
    path("a/b/c");
    path("src/");
    path("src/Main.java");
    path("a/f.x");
    path("a/f.1234567a");
    notPath("a/f.12345678a");
    notPath("a/f.");
    notPath("a/.gitignore");
    notPath("a/f.1");
    notPath("a/f.c-d");
    notPath("deployment/web");
    notPath("i/o");
    path("x/y.go:12:3");
    notPath("x/y:12.go");
    notPath("plain");
  }

  @Test
  void numbersJavaNamesAndHostRootedModules_areNotPaths() {
    notPath("2024/01/15");
    notPath("3/5");
    path("2024/01/15x");
    notPath("org/apache/commons/lang3/StringUtils");
    notPath("java/lang/String");
    path("org/apache/commons/lang3/stringUtils");
    path("org/apache/commons/");
    path("acme/apache/commons/Lang");
    path("org/apache/commons/Lang.java");
    notPath("github.com/spf13/cobra");
    notPath("ghcr.io/org/app");
    notPath("a.abcdef/x/y");
    path("a.abcdefg/x/y");
    path("a.b/x/y");
    path("a.c0m/x/y");
    path(".com/x/y");
    path("github.com/spf13/cobra/main.go");
  }

  @Test
  void startsLikePath_onlyForWordsThatBeginAsPathsDo() {
    assertTrue(Paths.startsLikePath("/etc/passwd"));
    assertTrue(Paths.startsLikePath("~/x"));
    assertTrue(Paths.startsLikePath("\\\\host\\share"));
    assertTrue(Paths.startsLikePath("./x"));
    assertTrue(Paths.startsLikePath("C:\\x"));
    assertFalse(Paths.startsLikePath("a/b/c"));
    assertFalse(Paths.startsLikePath("C:"));
    assertFalse(Paths.startsLikePath("/24"));
  }

  @Test
  void fileExtension_isOneToEightAlphanumericsWithALetter_beforeAnyLineNumber() {
    assertTrue(Paths.hasFileExtension("a/b.c", 2, 5));
    assertFalse(Paths.hasFileExtension("a/b.c", 4, 5));
    assertFalse(Paths.hasFileExtension(".c", 0, 2));
    assertTrue(Paths.hasFileExtension("b.c:1:2", 0, 7));
    assertFalse(Paths.hasFileExtension("b.c:1:2", 0, 2));
  }
}
