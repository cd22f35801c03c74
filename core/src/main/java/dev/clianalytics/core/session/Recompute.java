package dev.clianalytics.core.session;

import java.time.Instant;

/**
 * A range to recompute: drop the stored sessions of {@code key} that lie within [{@code from},
 * {@code to}] and sessionize every event of the key in that range (inclusive) again.
 */
public record Recompute(SessionKey key, Instant from, Instant to) {}
