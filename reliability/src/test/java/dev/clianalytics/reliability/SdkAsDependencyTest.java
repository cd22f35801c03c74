package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK as a CLI maintainer takes it (docs/client.md, "Add the dependency"): core, client and
 * their parent POM are installed with maven-install-plugin into a private local repository, then a
 * separate Maven project that names only {@code dev.clianalytics:cli-analytics-client} and picocli
 * builds offline on the JDK 17 given as {@code -Djdk17.home} (the running JDK otherwise), and its
 * instrumented picocli command, run on that JDK, sends its event to a running server.
 *
 * <p>The private repository keeps the shared {@code ~/.m2} free of these SNAPSHOTs; the shared one
 * is read as a read-only tail ({@code maven.repo.local.tail}) for plugins and picocli, which this
 * build has already fetched, so the project resolves offline.
 */
class SdkAsDependencyTest {
  private static final String TOKEN = "sdk-dependency-ingest-token-1";
  private static final Path ROOT = Path.of(System.getenv("CLI_ANALYTICS_REPO_ROOT"));
  private static final String VERSION = System.getProperty("clianalytics.version");

  @TempDir Path dir;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void picocliTool_dependingOnTheClientByCoordinates_buildsOfflineAndSendsItsEvent()
      throws Exception {
    Path javaHome = javaHome();
    Path repo = dir.resolve("repository");
    install(repo, javaHome, ROOT.resolve("pom.xml"), ROOT.resolve("pom.xml"));
    install(repo, javaHome, jarOf(Event.class, "core"), ROOT.resolve("core/pom.xml"));
    install(repo, javaHome, jarOf(CliAnalytics.class, "client"), ROOT.resolve("client/pom.xml"));

    Path app = writeApp(dir.resolve("hello-tool"));
    run(javaHome, app, mvn(repo, "-o", "-f", app.resolve("pom.xml").toString(), "package"));

    InMemoryStorage storage = new InMemoryStorage();
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config(), storage)) {
      Path home = Files.createDirectories(dir.resolve("home"));
      ProcessBuilder tool =
          new ProcessBuilder(
              javaHome.resolve("bin/java").toString(),
              "-jar",
              app.resolve("target/hello-tool.jar").toString(),
              "greet",
              "--loud");
      tool.environment().put("EVENTS_ENABLED", "1");
      tool.environment().put("EVENTS_URL", "http://127.0.0.1:" + server.port() + "/ingest");
      tool.environment().put("EVENTS_TOKEN", TOKEN);
      tool.environment().put("HOME", home.toString());
      tool.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
      tool.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
      String out = run(javaHome, app, tool);

      assertEquals("HELLO FROM JAVA " + javaVersion(javaHome), out.strip());
      List<Event> events = new ArrayList<>();
      storage.events(0, 10).forEach(stored -> events.add(stored.event()));
      assertEquals(1, events.size(), events.toString());
      Event event = events.get(0);
      assertEquals("hello-tool", event.toolName());
      assertEquals(List.of("hello-tool", "greet"), event.commandPath());
      assertEquals(List.of("--loud"), event.flagsPresent());
      assertEquals(0, event.exitCode());
    }
    System.out.println(
        "reliability: a picocli tool depending on cli-analytics-client "
            + VERSION
            + " built offline and sent its event on Java "
            + javaVersion(javaHome));
  }

  /** {@code -Djdk17.home} as CI passes it (.ci/run), else the JDK running this test. */
  private static Path javaHome() {
    String given = System.getProperty("clianalytics.jdk17.home", "");
    return Path.of(given.isBlank() ? System.getProperty("java.home") : given);
  }

  private static String javaVersion(Path javaHome) throws Exception {
    ProcessBuilder version =
        new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-version");
    String text = run(javaHome, javaHome, version.redirectErrorStream(true));
    Matcher m = Pattern.compile("version \"(\\d+)").matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  /**
   * The module's jar; when the reactor stopped before {@code package} (a plain {@code test} run),
   * the class directory is packed with the JDK's jar tool.
   */
  private Path jarOf(Class<?> type, String module) throws Exception {
    Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(location)) {
      return location;
    }
    Path jar = dir.resolve(module + ".jar");
    ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
    int code =
        tool.run(
            System.out,
            System.err,
            "--create",
            "--file",
            jar.toString(),
            "-C",
            location.toString(),
            ".");
    assertEquals(0, code, "jar tool for " + location);
    return jar;
  }

  /** maven-install-plugin's install-file, the reactor's pinned version (may download it). */
  private void install(Path repo, Path javaHome, Path file, Path pom) throws Exception {
    String plugin = "org.apache.maven.plugins:maven-install-plugin:" + pluginVersion("install");
    run(javaHome, dir, mvn(repo, plugin + ":install-file", "-Dfile=" + file, "-DpomFile=" + pom));
  }

  private static ProcessBuilder mvn(Path repo, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("mvnw").toString());
    command.addAll(List.of("-B", "-ntp", "-q"));
    command.add("-Dmaven.repo.local=" + repo);
    command.add("-Dmaven.repo.local.tail=" + System.getProperty("clianalytics.m2.repository"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** Runs to the end with {@code JAVA_HOME} set; returns stdout, fails with all output. */
  private static String run(Path javaHome, Path workDir, ProcessBuilder pb) throws Exception {
    pb.directory(workDir.toFile());
    pb.environment().put("JAVA_HOME", javaHome.toString());
    Path err = Files.createTempFile("sdk-dependency", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "still running: " + pb.command());
    String errors = Files.readString(err);
    Files.delete(err);
    assertEquals(0, p.exitValue(), pb.command() + "\n" + out + errors);
    return out + (pb.redirectErrorStream() ? errors : "");
  }

  private static ServerConfig config() throws IOException {
    Path data = Files.createTempDirectory("sdk-dependency-server");
    Map<String, String> env =
        Map.of(
            "DATA_DIR", data.toString(),
            "HASH_SALT", "sdk-dependency-salt-0123456789",
            "PORT", "0",
            "INGEST_TOKENS", TOKEN,
            "INFER_INTERVAL", "0");
    return ServerConfig.from(env, data.resolve("no.env"));
  }

  /** The version the reactor pins for {@code maven-<name>-plugin}, so the shared repo has it. */
  private static String pluginVersion(String name) throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher m =
        Pattern.compile(
                "<artifactId>maven-" + name + "-plugin</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(m.find(), "no version for maven-" + name + "-plugin in the root pom.xml");
    return m.group(1);
  }

  private static Path writeApp(Path app) throws IOException {
    Path source = app.resolve("src/main/java/example/HelloTool.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        app.resolve("pom.xml"),
        APP_POM
            .replace("@VERSION@", VERSION)
            .replace("@PICOCLI@", System.getProperty("clianalytics.picocli.version"))
            .replace("@COMPILER@", pluginVersion("compiler"))
            .replace("@RESOURCES@", pluginVersion("resources"))
            .replace("@SUREFIRE@", pluginVersion("surefire"))
            .replace("@JAR@", pluginVersion("jar"))
            .replace("@SHADE@", pluginVersion("shade")));
    Files.writeString(source, APP_SOURCE);
    return app;
  }

  private static final String APP_POM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>example</groupId>
        <artifactId>hello-tool</artifactId>
        <version>1.0.0</version>
        <properties>
          <maven.compiler.release>17</maven.compiler.release>
          <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
        </properties>
        <dependencies>
          <dependency>
            <groupId>dev.clianalytics</groupId>
            <artifactId>cli-analytics-client</artifactId>
            <version>@VERSION@</version>
          </dependency>
          <dependency>
            <groupId>info.picocli</groupId>
            <artifactId>picocli</artifactId>
            <version>@PICOCLI@</version>
          </dependency>
        </dependencies>
        <build>
          <finalName>hello-tool</finalName>
          <plugins>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-compiler-plugin</artifactId>
              <version>@COMPILER@</version>
            </plugin>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-resources-plugin</artifactId>
              <version>@RESOURCES@</version>
            </plugin>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-surefire-plugin</artifactId>
              <version>@SUREFIRE@</version>
            </plugin>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-jar-plugin</artifactId>
              <version>@JAR@</version>
            </plugin>
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-shade-plugin</artifactId>
              <version>@SHADE@</version>
              <executions>
                <execution>
                  <phase>package</phase>
                  <goals><goal>shade</goal></goals>
                  <configuration>
                    <createDependencyReducedPom>false</createDependencyReducedPom>
                    <transformers>
                      <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                        <mainClass>example.HelloTool</mainClass>
                      </transformer>
                    </transformers>
                  </configuration>
                </execution>
              </executions>
            </plugin>
          </plugins>
        </build>
      </project>
      """;

  private static final String APP_SOURCE =
      """
      package example;

      import dev.clianalytics.client.CliAnalytics;
      import java.util.Locale;
      import picocli.CommandLine;
      import picocli.CommandLine.Command;
      import picocli.CommandLine.Option;

      @Command(name = "hello-tool", subcommands = HelloTool.Greet.class)
      public class HelloTool {
        @Command(name = "greet")
        static class Greet implements Runnable {
          @Option(names = "--loud")
          boolean loud;

          @Override
          public void run() {
            String text = "hello from Java " + Runtime.version().feature();
            System.out.println(loud ? text.toUpperCase(Locale.ROOT) : text);
          }
        }

        public static void main(String[] args) {
          CommandLine cmd = new CommandLine(new HelloTool());
          CliAnalytics.instrument(cmd, "hello-tool", "1.0.0");
          System.exit(cmd.execute(args));
        }
      }
      """;
}
