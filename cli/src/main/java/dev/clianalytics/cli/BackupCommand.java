package dev.clianalytics.cli;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.Logging;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.ops.Backups;
import dev.clianalytics.server.storage.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Copy the embedded database and its generated HASH_SALT into DIR (new or empty).",
      "Through the running server at --url (admin token): a consistent copy while it serves;"
          + " when no server answers there, straight from DATA_DIR.",
      "Restore: stop the server, copy DIR's files into an empty DATA_DIR, start it"
          + " (docs/operations.md). PostgreSQL: use pg_dump."
    })
final class BackupCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR")
  Path dir;

  @Mixin ServerOptions server;

  @Option(
      names = "--json",
      description = "Print the result as JSON: {\"directory\", \"files\", \"hash_salt\"}.")
  boolean json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Backups.emptyDirectory(dir);
    List<String> files;
    try {
      files = fromServer();
    } catch (ConnectException e) {
      files = fromDataDir();
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("directory", dir.toString());
      result.put("files", files);
      result.put("hash_salt", files.contains(ServerConfig.HASH_SALT_FILE));
      System.out.println(dev.clianalytics.core.json.Json.write(result));
      return 0;
    }
    System.out.println(
        "backed up the embedded database to " + dir + ": " + String.join(", ", files));
    if (!files.contains(ServerConfig.HASH_SALT_FILE)) {
      System.out.println(
          "HASH_SALT is set in the environment, not kept in DATA_DIR: keep it with this backup");
    }
    return 0;
  }

  private List<String> fromServer() throws IOException, InterruptedException {
    String base =
        server.url.endsWith("/") ? server.url.substring(0, server.url.length() - 1) : server.url;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/admin/backup"))
            .timeout(Duration.ofHours(1))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (server.token != null && !server.token.isBlank()) {
      request.header("Authorization", "Bearer " + server.token.strip());
    }
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
          throw new CliException(
              "the server at " + base + " answered " + response.statusCode() + ": " + detail(text));
        }
        return unzip(body);
      }
    }
  }

  private static String detail(String problem) {
    try {
      Object parsed = dev.clianalytics.core.json.Json.parse(problem);
      if (parsed instanceof java.util.Map<?, ?> m && m.get("detail") != null) {
        return String.valueOf(m.get("detail"));
      }
    } catch (RuntimeException e) {
      // not a problem document: show its first line
    }
    return problem.lines().findFirst().orElse("");
  }

  private List<String> unzip(InputStream body) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(body)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (!Backups.FILES.contains(entry.getName())) {
          throw new CliException("the backup holds an unexpected file " + entry.getName());
        }
        Files.copy(zip, dir.resolve(entry.getName()));
        names.add(entry.getName());
      }
    }
    if (!names.contains(Storages.EMBEDDED_FILE)) {
      throw new CliException("the server's answer held no database file");
    }
    return names;
  }

  private List<String> fromDataDir() {
    ServerConfig config = ServerConfig.load();
    Logging.configure(config.logLevel());
    if (!config.embedded()) {
      throw new CliException(
          "backup copies the embedded database; back PostgreSQL up with pg_dump"
              + " (docs/operations.md)");
    }
    Path file = config.dataDir().resolve(Storages.EMBEDDED_FILE);
    if (!Files.isRegularFile(file)) {
      throw new CliException(
          "no server answers at " + server.url + " and there is no embedded database at " + file);
    }
    try (DuckDbStorage storage = DuckDbStorage.open(file)) {
      return Backups.write(storage, config.dataDir(), dir).stream()
          .map(p -> p.getFileName().toString())
          .toList();
    }
  }
}
