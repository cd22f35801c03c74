package dev.clianalytics.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.testing.Ev;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {
  @SuppressWarnings("unchecked") // the test documents are JSON objects
  static Map<String, Object> doc(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  @Test
  void builtIn_applyWorkflow_isTerraformInitPlanApplyWithGoalApply() {
    WorkflowDefinition apply = WorkflowCatalog.builtIn().find("apply_workflow").orElseThrow();
    assertEquals("terraform", apply.tool());
    assertEquals(List.of(List.of("init"), List.of("plan"), List.of("apply")), apply.steps());
    assertEquals(List.of("apply"), apply.goal());
  }

  @Test
  void builtIn_coversEveryToolTheSpecNames() {
    Set<String> tools =
        WorkflowCatalog.builtIn().definitions().stream()
            .map(WorkflowDefinition::tool)
            .collect(Collectors.toSet());
    for (String tool :
        List.of(
            "terraform",
            "kubectl",
            "helm",
            "docker",
            "git",
            "npm",
            "yarn",
            "pnpm",
            "mvn",
            "gradle",
            "cargo",
            "go",
            "pytest",
            "ai-do")) {
      assertTrue(tools.contains(tool), tool);
    }
  }

  @Test
  void loader_newDefinition_isAppendedAfterBuiltIns() {
    var catalog =
        CatalogLoader.builtInWith(
            doc(
                """
                {"workflows": [{"name": "db_migrate", "tool": "flyway", "category": "deploy",
                  "steps": ["info", "migrate"], "goal": "migrate"}]}"""));
    WorkflowDefinition last = catalog.definitions().get(catalog.definitions().size() - 1);
    assertEquals("db_migrate", last.name());
    assertEquals(List.of("migrate"), last.goal());
  }

  @Test
  void loader_sameNameAsBuiltIn_overridesItInPlace() {
    var builtIn = WorkflowCatalog.builtIn();
    var catalog =
        CatalogLoader.builtInWith(
            doc(
                """
                {"workflows": [{"name": "apply_workflow", "tool": "terraform", "category": "deploy",
                  "steps": ["fmt", "validate", "plan", "apply"], "goal": "apply"}]}"""));
    assertEquals(builtIn.definitions().size(), catalog.definitions().size());
    assertEquals(4, catalog.find("apply_workflow").orElseThrow().steps().size());
    assertEquals("apply_workflow", catalog.definitions().get(0).name());
  }

  @Test
  void loader_stepsAsElementLists_andEmptyStepForTheBareTool() {
    var defs =
        CatalogLoader.parse(
            doc(
                """
                {"workflows": [{"name": "tox_run", "tool": "tox", "category": "test",
                  "steps": [[], ["run", "lint"]], "goal": ""}]}"""));
    assertEquals(List.of(List.of(), List.of("run", "lint")), defs.get(0).steps());
  }

  @Test
  void loader_goalNotAStep_namesDefinitionAndField() {
    var error =
        assertThrows(
            CatalogException.class,
            () ->
                CatalogLoader.parse(
                    doc(
                        """
                        {"workflows": [{"name": "x", "tool": "t", "category": "build",
                          "steps": ["a"], "goal": "b"}]}""")));
    assertEquals(
        List.of("workflows[0] 'x': field 'goal': must be one of the steps (was 'b')"),
        error.errors());
  }

  @Test
  void loader_everyProblemIsReportedAtOnce() {
    var error =
        assertThrows(
            CatalogException.class,
            () ->
                CatalogLoader.parse(
                    doc(
                        """
                        {"workflows": [
                          {"name": "bad name!", "tool": "t", "category": "build", "steps": ["a"], "goal": "a"},
                          {"name": "y", "tool": "t", "category": "fun", "steps": ["a"], "goal": "a"},
                          {"name": "z", "tool": "t", "category": "build", "goal": "a", "colour": 1},
                          {"name": "w", "tool": "t", "category": "build", "steps": ["a", "a"], "goal": "a"}
                        ]}""")));
    List<String> errors = error.errors();
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("workflows[0] 'bad name!': field 'name'"), errors.get(0));
    assertTrue(errors.get(1).contains("'y': field 'category'"), errors.get(1));
    assertTrue(errors.stream().anyMatch(e -> e.contains("'z': unknown field 'colour'")));
    assertTrue(errors.stream().anyMatch(e -> e.contains("'z': field 'steps' is required")));
    assertTrue(errors.get(4).contains("'w': field 'steps': steps must be distinct"), errors.get(4));
  }

  @Test
  void loader_duplicateNameInFile_isRejected() {
    String def =
        "{\"name\": \"d\", \"tool\": \"t\", \"category\": \"other\", \"steps\": [\"a\"], \"goal\": \"a\"}";
    var error =
        assertThrows(
            CatalogException.class,
            () -> CatalogLoader.parse(doc("{\"workflows\": [" + def + "," + def + "]}")));
    assertTrue(error.getMessage().contains("'d': name is used twice"), error.getMessage());
  }

  @Test
  void loader_missingWorkflowsList_isRejected() {
    var error =
        assertThrows(CatalogException.class, () -> CatalogLoader.parse(doc("{\"flows\": []}")));
    assertEquals(2, error.errors().size());
  }

  @Test
  void toJson_readsBackAsTheSameCatalog() {
    var builtIn = WorkflowCatalog.builtIn();
    var reread = CatalogLoader.parse(doc(Json.write(builtIn.toJson())));
    assertEquals(builtIn.definitions(), reread);
  }

  @Test
  void matching_prefersOpenInstance_thenLongestStep_thenCatalogOrder() {
    var first = def("first", "tool", "b", "b");
    var second = def("second", "tool", "c d", "b", "c d");
    var third = def("third", "tool", "c", "c");
    var detector = new WorkflowDetector(WorkflowCatalog.of(List.of(first, second, third)));
    var events =
        List.of(
            Ev.at("10:00").cmd("tool b").exit(1).build(),
            Ev.at("10:01").cmd("tool c d").exit(1).build(),
            Ev.at("10:02").cmd("tool c").exit(1).build());
    var instances = detector.detect(new Session("s", "a", null, events, false));
    // "tool b": first and second tie on length, catalog order picks first. "tool c d": second's
    // step "c d" is longer than third's "c". "tool c": only third ("c d" is no prefix of "c").
    assertEquals(
        List.of("first", "second", "third"),
        instances.stream().map(WorkflowInstance::workflow).toList());
  }

  @Test
  void matching_openInstanceWinsOverLongerStepElsewhere() {
    var first = def("first", "tool", "x", "x", "c");
    var second = def("second", "tool", "c d", "c d");
    var detector = new WorkflowDetector(WorkflowCatalog.of(List.of(first, second)));
    var events =
        List.of(Ev.at("10:00").cmd("tool c").build(), Ev.at("10:01").cmd("tool c d").build());
    var instances = detector.detect(new Session("s", "a", null, events, false));
    assertEquals(1, instances.size());
    assertEquals("first", instances.get(0).workflow());
  }

  static WorkflowDefinition def(String name, String tool, String goal, String... steps) {
    return new WorkflowDefinition(
        name,
        tool,
        Category.OTHER,
        Arrays.stream(steps).map(BuiltInCatalog::path).toList(),
        BuiltInCatalog.path(goal));
  }

  @Test
  void autoWorkflows_countOnlyOnceTheCommandReachesMinRuns() {
    var detector = new WorkflowDetector(WorkflowCatalog.builtIn());
    List<WorkflowInstance> instances = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      var event = Ev.at("10:0" + i).cmd("npm audit").actor("a" + i).build();
      instances.addAll(detector.detect(new Session("s" + i, "a" + i, null, List.of(event), false)));
    }
    assertEquals(List.of(), AutoWorkflows.counted(instances, 5));
    var fifth = Ev.at("10:09").cmd("npm audit").build();
    instances.addAll(detector.detect(new Session("s5", "a", null, List.of(fifth), false)));
    assertEquals(5, AutoWorkflows.counted(instances, 5).size());
    assertEquals(Map.of("npm_audit", 5L), AutoWorkflows.runs(instances));
  }
}
