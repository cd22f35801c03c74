package dev.clianalytics.core.workflow;

import static dev.clianalytics.core.workflow.Category.AI;
import static dev.clianalytics.core.workflow.Category.BUILD;
import static dev.clianalytics.core.workflow.Category.DEPLOY;
import static dev.clianalytics.core.workflow.Category.OTHER;
import static dev.clianalytics.core.workflow.Category.RELEASE;
import static dev.clianalytics.core.workflow.Category.SETUP;
import static dev.clianalytics.core.workflow.Category.TEST;

import java.util.Arrays;
import java.util.List;

/**
 * The built-in workflow definitions. Multi-step definitions model a sequence people really run
 * (terraform init, plan, apply); one-shot tools such as Maven get one definition per invocation
 * they are run with, because {@code mvn clean install} is a single command whose path starts with
 * {@code clean}. Steps of different definitions of one tool are kept disjoint where possible so a
 * command joins the workflow a reader would expect.
 */
final class BuiltInCatalog {
  private BuiltInCatalog() {}

  static List<WorkflowDefinition> definitions() {
    return List.of(
        def("apply_workflow", "terraform", DEPLOY, "apply", "init", "plan", "apply"),
        def("destroy_workflow", "terraform", DEPLOY, "destroy", "destroy"),
        def("kubectl_deploy", "kubectl", DEPLOY, "apply", "diff", "apply"),
        def(
            "kubectl_rollout",
            "kubectl",
            DEPLOY,
            "rollout status",
            "set image",
            "rollout restart",
            "rollout status"),
        def("helm_deploy", "helm", DEPLOY, "upgrade", "repo", "dependency", "lint", "upgrade"),
        def("helm_install", "helm", DEPLOY, "install", "install"),
        def("docker_publish", "docker", RELEASE, "push", "build", "tag", "login", "push"),
        def("docker_run", "docker", OTHER, "run", "pull", "run"),
        def("docker_compose_up", "docker", DEPLOY, "compose up", "compose build", "compose up"),
        def("git_push", "git", OTHER, "push", "add", "commit", "push"),
        def("git_sync", "git", OTHER, "pull", "fetch", "pull"),
        def("git_clone", "git", SETUP, "clone", "clone"),
        def("npm_test", "npm", TEST, "test", "install", "ci", "test"),
        def("npm_build", "npm", BUILD, "run build", "run build"),
        def("npm_publish", "npm", RELEASE, "publish", "version", "publish"),
        def("yarn_test", "yarn", TEST, "test", "install", "test"),
        def("yarn_build", "yarn", BUILD, "build", "build"),
        def("pnpm_test", "pnpm", TEST, "test", "install", "test"),
        def("pnpm_build", "pnpm", BUILD, "run build", "run build"),
        def("mvn_clean_install", "mvn", BUILD, "clean install", "clean install"),
        def("mvn_clean_verify", "mvn", BUILD, "clean verify", "clean verify"),
        def("mvn_clean_package", "mvn", BUILD, "clean package", "clean package"),
        def("mvn_install", "mvn", BUILD, "install", "install"),
        def("mvn_verify", "mvn", BUILD, "verify", "verify"),
        def("mvn_package", "mvn", BUILD, "package", "package"),
        def("mvn_test", "mvn", TEST, "test", "test"),
        def("gradle_build", "gradle", BUILD, "build", "build"),
        def("gradle_clean_build", "gradle", BUILD, "clean build", "clean build"),
        def("gradle_test", "gradle", TEST, "test", "test"),
        def("cargo_build", "cargo", BUILD, "build", "fetch", "build"),
        def("cargo_test", "cargo", TEST, "test", "test"),
        def("cargo_publish", "cargo", RELEASE, "publish", "package", "publish"),
        def("go_build", "go", BUILD, "build", "mod download", "mod tidy", "build"),
        def("go_test", "go", TEST, "test", "vet", "test"),
        def("pytest_run", "pytest", TEST, "", ""),
        def("ai_do_task", "ai-do", AI, "run", "plan", "run"));
  }

  private static WorkflowDefinition def(
      String name, String tool, Category category, String goal, String... steps) {
    return new WorkflowDefinition(
        name, tool, category, Arrays.stream(steps).map(BuiltInCatalog::path).toList(), path(goal));
  }

  static List<String> path(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
  }
}
