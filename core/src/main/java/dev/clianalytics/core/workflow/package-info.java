/**
 * Workflows: the built-in and user-defined catalog ({@code WORKFLOWS_FILE}), matching a session's
 * runs to workflow steps, and each instance's outcome: succeeded, failed or abandoned
 * (docs/inference.md, "Workflows").
 */
package dev.clianalytics.core.workflow;
