/** The OpenAPI document and API reference the server serves about itself. */
package dev.clianalytics.server.docs;
