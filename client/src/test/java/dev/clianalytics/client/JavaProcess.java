package dev.clianalytics.client;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a fresh JVM with exactly the given environment, like a user's shell. */
public final class JavaProcess {
  /** How a run ended. */
  public record Result(int exitCode, String stdout, String stderr, Duration wallTime) {}

  private JavaProcess() {}

  /** Where {@code type}'s class file or jar lives, for building a class path. */
  public static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String classPath(Class<?>... types) {
    List<String> entries = new ArrayList<>();
    for (Class<?> t : types) {
      String entry = locationOf(t);
      if (!entries.contains(entry)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  public static Result run(
      String classPath, String mainClass, Map<String, String> env, Path workDir, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), classPath, mainClass, env, workDir, args);
  }

  /** As {@link #run(String, String, Map, Path, String...)} with extra JVM options first. */
  public static Result run(
      List<String> jvmOptions,
      String classPath,
      String mainClass,
      Map<String, String> env,
      Path workDir,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", workDir.toString());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not exit within 60 s");
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        wall);
  }
}
