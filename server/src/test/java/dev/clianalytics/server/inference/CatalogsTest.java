package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogsTest {
  @TempDir Path dir;

  @Test
  void load_yamlFile_addsAndOverridesDefinitions() throws IOException {
    Path file = dir.resolve("workflows.yaml");
    Files.writeString(
        file,
        """
        workflows:
          - name: db_migrate
            tool: flyway
            category: deploy
            steps: [info, migrate]
            goal: migrate
          - name: apply_workflow
            tool: terraform
            category: deploy
            steps: [validate, plan, apply]
            goal: apply
        """);

    WorkflowCatalog catalog = Catalogs.load(file);

    assertEquals("flyway", catalog.find("db_migrate").orElseThrow().tool());
    assertEquals(
        List.of(List.of("validate"), List.of("plan"), List.of("apply")),
        catalog.find("apply_workflow").orElseThrow().steps());
  }

  @Test
  void load_jsonFile_isReadAsJson() throws IOException {
    Path file = dir.resolve("workflows.json");
    Files.writeString(
        file,
        "{\"workflows\": [{\"name\": \"x_run\", \"tool\": \"x\", \"category\": \"other\","
            + " \"steps\": [\"run\"], \"goal\": \"run\"}]}");

    assertTrue(Catalogs.load(file).find("x_run").isPresent());
  }

  @Test
  void load_invalidDefinition_isOneLineNamingEntryAndField() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "workflows:\n  - {name: db_migrate, tool: flyway, category: deploy, steps: [migrate],"
            + " goal: deploy}\n");

    ConfigException e = assertThrows(ConfigException.class, () -> Catalogs.load(file));

    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.getMessage().contains("workflows[0] 'db_migrate'"), e.getMessage());
    assertTrue(e.getMessage().contains("goal"), e.getMessage());
  }

  @Test
  void load_brokenYaml_saysItIsNotValid() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "workflows: [\n  - name: x\n");

    ConfigException e = assertThrows(ConfigException.class, () -> Catalogs.load(file));

    assertTrue(e.getMessage().contains("not valid YAML or JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void load_missingFile_namesThePath() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> Catalogs.load(dir.resolve("nope.yaml")));

    assertTrue(e.getMessage().contains("nope.yaml"));
  }

  @Test
  void load_noFile_isTheBuiltInCatalog() {
    assertEquals(WorkflowCatalog.builtIn().definitions(), Catalogs.load(null).definitions());
  }
}
