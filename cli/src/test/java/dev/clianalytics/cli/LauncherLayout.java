package dev.clianalytics.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The distribution's layout in a temporary directory, built from this build's classes: the repo's
 * {@code bin/cli-analytics}, a {@code lib/cli-analytics.jar} whose manifest points at the test
 * class path, and a {@code runtime/bin/java} that notes each start in {@code java-starts} before it
 * runs the JDK running the tests.
 */
final class LauncherLayout {
  static final Path REPO = Path.of(System.getenv().getOrDefault("CLI_ANALYTICS_REPO_ROOT", ".."));

  final Path root;
  final Path launcher;
  final Path javaStarts;

  private LauncherLayout(Path root) {
    this.root = root;
    this.launcher = root.resolve("bin/cli-analytics");
    this.javaStarts = root.resolve("java-starts");
  }

  /** A layout in {@code dir} whose runtime is {@code javaScript} (null: the JDK, noted). */
  static LauncherLayout create(Path dir, String javaScript) throws IOException {
    LauncherLayout layout = new LauncherLayout(dir);
    Files.createDirectories(dir.resolve("bin"));
    Files.copy(
        REPO.resolve("bin/cli-analytics"), layout.launcher, StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(dir.resolve("lib"));
    writeManifestJar(dir.resolve("lib/cli-analytics.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script =
        javaScript != null
            ? javaScript
            : "echo $$ >> '" + layout.javaStarts + "'\nexec '" + java + "' \"$@\"";
    executable(dir.resolve("runtime/bin/java"), script);
    return layout;
  }

  static Path executable(Path file, String body) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  /** A jar with only a manifest: Main-Class and the test class path as Class-Path. */
  private static void writeManifestJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
    }
    main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
  }

  /** The launcher with {@code args}, in a clean environment plus {@code env}. */
  ProcessBuilder command(Path home, Map<String, String> env, List<String> prefix, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.add(launcher.toString());
    command.addAll(List.of(args));
    return clean(home, env, command);
  }

  /** {@code command} in a clean environment plus {@code env}. */
  static ProcessBuilder clean(Path home, Map<String, String> env, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", home.toString());
    pb.environment().putAll(env);
    return pb;
  }

  int starts() throws IOException {
    return Files.exists(javaStarts)
        ? (int) Files.readString(javaStarts, StandardCharsets.UTF_8).lines().count()
        : 0;
  }
}
