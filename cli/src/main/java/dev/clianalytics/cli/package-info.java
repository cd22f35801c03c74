/**
 * The {@code cli-analytics} command (README.md, Commands): one picocli command class per
 * subcommand. Options that default to an environment variable take it through picocli's {@code
 * ${env:...}} defaults so {@code --help} names it, and every command that prints a result accepts
 * {@code --json}.
 */
package dev.clianalytics.cli;
