/**
 * The SDK a CLI embeds: {@code CliAnalytics} records a {@code CommandRun} per command, off unless
 * the user opts in, and never slows the tool (docs/client.md). Everything here is public API; the
 * rest lives in {@code client.internal}.
 */
package dev.clianalytics.client;
