package dev.clianalytics.server.inference;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import dev.clianalytics.core.workflow.CatalogException;
import dev.clianalytics.core.workflow.CatalogLoader;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.server.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Loads the catalog in force: the built-in one plus {@code WORKFLOWS_FILE}, validated at start. */
public final class Catalogs {
  private Catalogs() {}

  /**
   * The built-in catalog with the file's definitions (YAML, or JSON when the name ends in {@code
   * .json}) added or overriding by name; {@code file} null means built-ins only.
   *
   * @throws ConfigException with a one-line message naming the file and every problem
   */
  public static WorkflowCatalog load(Path file) {
    if (file == null) {
      return WorkflowCatalog.builtIn();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "WORKFLOWS_FILE " + file + " cannot be read (" + e + "); fix the path or unset it");
    }
    try {
      return CatalogLoader.builtInWith(parse(file, text));
    } catch (CatalogException e) {
      throw new ConfigException(
          "WORKFLOWS_FILE " + file + " is invalid: " + String.join("; ", e.errors()));
    }
  }

  @SuppressWarnings("unchecked") // checked: the document must be a mapping
  private static Map<String, Object> parse(Path file, String text) {
    Object document;
    try {
      boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
      document =
          json ? Json.parse(text) : new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (JsonException | YAMLException e) {
      throw new ConfigException(
          "WORKFLOWS_FILE "
              + file
              + " is not valid YAML or JSON: "
              + e.getMessage().replace('\n', ' ')
              + "; fix the syntax");
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new ConfigException(
          "WORKFLOWS_FILE " + file + " must hold a mapping with a 'workflows' list");
    }
    return (Map<String, Object>) map;
  }
}
