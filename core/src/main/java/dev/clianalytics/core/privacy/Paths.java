package dev.clianalytics.core.privacy;

import java.util.Set;

/**
 * Tells file paths (Unix, home, Windows, UNC, relative) from the slash-bearing words that real CLI
 * errors are full of and that must survive: {@code deployment/web}, {@code @types/node}, {@code
 * i/o}, {@code 3/5}, {@code github.com/spf13/cobra}, {@code org/slf4j/Logger}.
 */
final class Paths {
  private Paths() {}

  private static final Set<String> JAVA_ROOTS =
      Set.of(
          "java",
          "javax",
          "jakarta",
          "jdk",
          "sun",
          "com",
          "org",
          "net",
          "io",
          "dev",
          "kotlin",
          "scala",
          "android",
          "androidx");

  /**
   * Whether a word that starts the way paths do ({@code /}, {@code ~}, {@code .}, {@code \\}, a
   * drive letter) is a path; such a word is a path whatever follows, even {@code =} or {@code &}.
   */
  static boolean startsLikePath(String w) {
    char c0 = w.charAt(0);
    boolean drive = w.length() > 2 && w.charAt(1) == ':';
    return (c0 == '/' || c0 == '~' || c0 == '\\' || c0 == '.' || drive) && isPath(w);
  }

  /** Whether a whole word (no whitespace) is a file path. */
  static boolean isPath(String w) {
    Steps.add(w.length());
    int n = w.length();
    char c0 = w.charAt(0);
    if (c0 == '/') {
      // "/24" after an address is a prefix length, not a path.
      return n > 1 && !allChar(w, '/') && !Shapes.allDigits(w, 1, n);
    }
    if (c0 == '~') {
      return n == 1 || w.charAt(1) == '/' || w.charAt(1) == '\\' || Shapes.isLetter(w.charAt(1));
    }
    if (c0 == '.' && (w.startsWith("./") || w.startsWith("../") || w.startsWith(".\\"))) {
      return true;
    }
    if (c0 == '.' && n > 2 && Shapes.isAlnum(w.charAt(1)) && w.indexOf('/') > 0) {
      return true; // .ssh/authorized_keys, .config/gh/hosts.yml
    }
    if (n >= 3 && Shapes.isLetter(c0) && w.charAt(1) == ':') {
      char c2 = w.charAt(2);
      if (c2 == '\\' || c2 == '/') {
        return true;
      }
    }
    if (w.indexOf('\\') >= 0) {
      return isBackslashPath(w);
    }
    int slashes = count(w, '/');
    if (slashes == 0 || allSegmentsNumeric(w) || isJavaInternalName(w) || isDomainRooted(w)) {
      return false;
    }
    if (slashes >= 2) {
      return true;
    }
    int slash = w.indexOf('/');
    return slash == n - 1 || hasFileExtension(w, slash + 1, n);
  }

  /** {@code C:\x}, {@code \\host\share}, {@code dir\file}; not a lone escape such as {@code \n}. */
  private static boolean isBackslashPath(String w) {
    if (w.startsWith("\\\\")) {
      return w.length() > 2;
    }
    int letters = 0;
    for (int i = 0; i < w.length(); i++) {
      if (Shapes.isAlnum(w.charAt(i))) {
        letters++;
      }
    }
    return letters >= 3 && !(w.length() <= 4 && w.charAt(0) == '\\');
  }

  /** The last segment (up to a {@code :line:col} suffix) ends in a dot and a short extension. */
  static boolean hasFileExtension(String w, int from, int to) {
    int end = to;
    for (int i = from; i < to; i++) {
      if (w.charAt(i) == ':') {
        end = i;
        break;
      }
    }
    int dot = w.lastIndexOf('.', end - 1);
    if (dot <= from || end - dot - 1 < 1 || end - dot - 1 > 8) {
      return false;
    }
    boolean letter = false;
    for (int i = dot + 1; i < end; i++) {
      char c = w.charAt(i);
      if (!Shapes.isAlnum(c)) {
        return false;
      }
      letter |= Shapes.isLetter(c);
    }
    return letter;
  }

  /** Dates and ratios: {@code 2024/01/15}, {@code 3/5}. */
  private static boolean allSegmentsNumeric(String w) {
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c != '/' && !Shapes.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code org/apache/commons/lang3/StringUtils}, as NoClassDefFoundError prints it. */
  private static boolean isJavaInternalName(String w) {
    int first = w.indexOf('/');
    int last = w.lastIndexOf('/');
    if (!JAVA_ROOTS.contains(w.substring(0, first)) || last == w.length() - 1) {
      return false;
    }
    return Character.isUpperCase(w.charAt(last + 1)) && w.indexOf('.') < 0;
  }

  /**
   * A module path or scheme-less URL such as {@code github.com/spf13/cobra} or {@code
   * ghcr.io/org/app}: the first segment is a host name; it is a path only if it ends in a file.
   */
  private static boolean isDomainRooted(String w) {
    int slash = w.indexOf('/');
    int dot = w.lastIndexOf('.', slash - 1);
    if (dot <= 0 || slash - dot - 1 < 2 || slash - dot - 1 > 6) {
      return false;
    }
    for (int i = dot + 1; i < slash; i++) {
      if (!Shapes.isLetter(w.charAt(i))) {
        return false;
      }
    }
    int last = w.lastIndexOf('/');
    return !hasFileExtension(w, last + 1, w.length());
  }

  private static int count(String w, char c) {
    int count = 0;
    for (int i = 0; i < w.length(); i++) {
      if (w.charAt(i) == c) {
        count++;
      }
    }
    return count;
  }

  private static boolean allChar(String w, char c) {
    for (int i = 0; i < w.length(); i++) {
      if (w.charAt(i) != c) {
        return false;
      }
    }
    return true;
  }
}
