/**
 * What people run after a failure: the commands that follow a failed run, and how often they lead
 * to success (docs/inference.md, "Recovery").
 */
package dev.clianalytics.core.recovery;
