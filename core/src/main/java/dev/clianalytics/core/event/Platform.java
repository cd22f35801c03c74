package dev.clianalytics.core.event;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a command ran, in three optional low-cardinality fields (docs/what-is-collected.md): {@code
 * os} ({@code linux}, {@code darwin}, {@code windows}, ...), {@code arch} ({@code amd64}, {@code
 * arm64}, ...) and {@code runtime} ({@code java-21}, {@code node-20.11}, {@code python-3.12}). Each
 * is one of a closed set of values, never free text: {@link #normalized()} maps the usual spellings
 * (JVM properties, uname, Node's {@code process.platform}, OpenTelemetry's {@code os.type}) to them
 * and drops anything else.
 *
 * @param os the operating system family, or null
 * @param arch the CPU architecture, or null
 * @param runtime the language runtime and its version, or null
 */
public record Platform(String os, String arch, String runtime) {
  /** No platform fields. */
  public static final Platform NONE = new Platform(null, null, null);

  private static final Set<String> OS =
      Set.of(
          "linux",
          "darwin",
          "windows",
          "freebsd",
          "openbsd",
          "netbsd",
          "dragonflybsd",
          "solaris",
          "illumos",
          "aix",
          "hpux",
          "zos",
          "android",
          "ios");
  private static final Map<String, String> OS_ALIASES =
      Map.ofEntries(
          Map.entry("mac", "darwin"),
          Map.entry("macos", "darwin"),
          Map.entry("mac os x", "darwin"),
          Map.entry("osx", "darwin"),
          Map.entry("win32", "windows"),
          Map.entry("windows_nt", "windows"),
          Map.entry("cygwin", "windows"),
          Map.entry("sunos", "solaris"),
          Map.entry("dragonfly", "dragonflybsd"),
          Map.entry("z_os", "zos"),
          Map.entry("z/os", "zos"));

  private static final Set<String> ARCH =
      Set.of(
          "amd64", "arm64", "x86", "arm32", "ppc32", "ppc64", "ppc64le", "s390x", "riscv64", "ia64",
          "loong64", "mips64");
  private static final Map<String, String> ARCH_ALIASES =
      Map.ofEntries(
          Map.entry("x86_64", "amd64"),
          Map.entry("x86-64", "amd64"),
          Map.entry("x64", "amd64"),
          Map.entry("aarch64", "arm64"),
          Map.entry("i386", "x86"),
          Map.entry("i486", "x86"),
          Map.entry("i586", "x86"),
          Map.entry("i686", "x86"),
          Map.entry("ia32", "x86"),
          Map.entry("386", "x86"),
          Map.entry("arm", "arm32"),
          Map.entry("armv7l", "arm32"),
          Map.entry("armv6l", "arm32"),
          Map.entry("armhf", "arm32"),
          Map.entry("ppc64el", "ppc64le"),
          Map.entry("loongarch64", "loong64"));

  private static final Set<String> RUNTIMES =
      Set.of(
          "java", "node", "python", "pypy", "go", "dotnet", "ruby", "bun", "deno", "php", "perl",
          "erlang", "swift", "dart", "lua", "julia");
  private static final Map<String, String> RUNTIME_ALIASES =
      Map.ofEntries(
          Map.entry("openjdk runtime environment", "java"),
          Map.entry("java(tm) se runtime environment", "java"),
          Map.entry("jre", "java"),
          Map.entry("nodejs", "node"),
          Map.entry("node.js", "node"),
          Map.entry("cpython", "python"),
          Map.entry(".net", "dotnet"),
          Map.entry(".net core", "dotnet"),
          Map.entry(".net framework", "dotnet"),
          Map.entry("gc", "go"),
          Map.entry("cruby", "ruby"),
          Map.entry("mri", "ruby"));

  /** The same fields with every value in its canonical form, or null when it has none. */
  public Platform normalized() {
    return new Platform(os(os), arch(arch), runtime(runtime));
  }

  /**
   * The canonical operating system for {@code raw} ({@code Mac OS X} → {@code darwin}), or null.
   */
  public static String os(String raw) {
    String s = lower(raw);
    if (s == null) {
      return null;
    }
    if (s.startsWith("windows")) {
      return "windows";
    }
    return OS.contains(s) ? s : OS_ALIASES.get(s);
  }

  /** The canonical architecture for {@code raw} ({@code x86_64} → {@code amd64}), or null. */
  public static String arch(String raw) {
    String s = lower(raw);
    return s == null ? null : ARCH.contains(s) ? s : ARCH_ALIASES.get(s);
  }

  /**
   * {@code name-major} (Java) or {@code name-major.minor} for a runtime {@code name} and {@code
   * version} ({@code OpenJDK Runtime Environment}, {@code 21.0.2+13} → {@code java-21}), or null
   * when the name is not a known runtime or the version does not start with a number.
   */
  public static String runtime(String name, String version) {
    String n = lower(name);
    String v = version == null ? null : version.trim();
    if (n == null || v == null || v.isEmpty()) {
      return null;
    }
    n = RUNTIMES.contains(n) ? n : RUNTIME_ALIASES.get(n);
    if (n == null) {
      return null;
    }
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    String major = digits(v, 0);
    if (major == null) {
      return null;
    }
    if (n.equals("java") && major.equals("1")) {
      major = digits(v, 2); // 1.8.0_392 is Java 8
      return major == null ? null : "java-" + major;
    }
    String minor =
        v.length() > major.length() + 1 && v.charAt(major.length()) == '.'
            ? digits(v, major.length() + 1)
            : null;
    return n + "-" + major + (minor == null || n.equals("java") ? "" : "." + minor);
  }

  /** A runtime already written as {@code name-version} (or {@code name version}), normalized. */
  public static String runtime(String raw) {
    String s = raw == null ? null : raw.trim();
    if (s == null || s.isEmpty() || s.length() > 40) {
      return null;
    }
    int cut = Math.max(s.lastIndexOf('-'), s.lastIndexOf(' '));
    return cut <= 0 ? null : runtime(s.substring(0, cut), s.substring(cut + 1));
  }

  /** This JVM's platform, from its system properties. */
  public static Platform ofThisJvm() {
    return new Platform(
        os(System.getProperty("os.name")),
        arch(System.getProperty("os.arch")),
        "java-" + Runtime.version().feature());
  }

  /** One to four digits starting at {@code from}, or null. */
  private static String digits(String s, int from) {
    int end = from;
    while (end < s.length() && end - from < 4 && isDigit(s.charAt(end))) {
      end++;
    }
    boolean more = end < s.length() && isDigit(s.charAt(end));
    return end == from || more ? null : s.substring(from, end);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String lower(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    return s.isEmpty() || s.length() > 40 ? null : s;
  }
}
