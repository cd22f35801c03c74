/**
 * The privacy rules, behind the {@code Privacy} facade: argument dropping, flag names only, path
 * and secret redaction in error messages, identifier hashing, all bounded in time by input length
 * (docs/privacy.md). The client and the server apply the same rules.
 */
package dev.clianalytics.core.privacy;
