/**
 * The server's configuration (docs/server.md): {@link dev.clianalytics.server.config.ServerConfig}
 * is read once at start from the environment and {@code .env}, and its constructor is the one place
 * each rule and range is checked; {@link dev.clianalytics.server.config.ServerConfigBuilder} holds
 * the defaults, so code changes only what differs.
 */
package dev.clianalytics.server.config;
