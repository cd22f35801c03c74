/**
 * Inference end to end. {@link dev.clianalytics.core.inference.BatchInference} is the reference:
 * everything from events in memory. A server does the same incrementally:
 *
 * <ol>
 *   <li>horizon = {@code Sessionizer.horizon(newest event seen, now)};
 *   <li>for new events, {@code Recomputation.plan(storedSpans, newEvents, sessionizer)} gives (key,
 *       from, to) ranges; delete the stored sessions (and their results) inside each range, read
 *       the key's events in the range ordered by timestamp and event id, and feed them to {@code
 *       sessionizer.stream(horizon, sink)};
 *   <li>{@code Recomputation.reclassify(storedSpans, horizon, sessionizer)} lists stored sessions
 *       whose open flag changed: analyze them again with {@code session.withOpen(...)};
 *   <li>for every new or changed session keep {@link
 *       dev.clianalytics.core.inference.SessionAnalyzer#analyze} results per session id; reports
 *       merge them ({@code HotPaths.rank}, {@code RecoveryAnalysis.merge}, {@code
 *       AutoWorkflows.counted}, {@code WorkflowStats.of}).
 * </ol>
 *
 * A full recomputation streams all events ordered by actor, timestamp and event id through one
 * {@code SessionStream}; memory stays bounded by the open sessions of one actor.
 */
package dev.clianalytics.core.inference;
