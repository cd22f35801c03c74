/**
 * The SDK's internals, not API: settings and opt-in decisions, the install id, the detached
 * dispatcher, the spool and the HTTP transport. May change in any release.
 */
package dev.clianalytics.client.internal;
