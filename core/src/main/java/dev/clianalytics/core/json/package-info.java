/**
 * A small JSON reader and writer for the dependency-free modules, with a limit on nesting depth so
 * hostile input costs time linear in its length.
 */
package dev.clianalytics.core.json;
