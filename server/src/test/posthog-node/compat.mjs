// Drives CLI Analytics' PostHog capture endpoints with the official posthog-node client, as a
// Node CLI would: capture, a batch flush, more captures, shutdown. Only the host differs from a
// PostHog setup. Prints one JSON line: {"ok":true,"requests":n,"gzip":n} or the failure.
import { PostHog } from 'posthog-node';

const host = process.env.POSTHOG_HOST;
const key = process.env.POSTHOG_KEY;

// Counts what the client really sends (the server only sees bytes); passes every call through.
const seen = { requests: 0, gzip: 0, statuses: [] };
async function observingFetch(url, options) {
  seen.requests++;
  const headers = options?.headers ?? {};
  if (String(headers['Content-Encoding'] ?? headers['content-encoding'] ?? '') === 'gzip') {
    seen.gzip++;
  }
  const response = await fetch(url, options);
  seen.statuses.push(response.status);
  return response;
}

const client = new PostHog(key, {
  host,
  flushAt: 20,
  flushInterval: 0,
  fetch: observingFetch,
});
client.on('error', (err) => {
  console.log(JSON.stringify({ ok: false, error: String(err) }));
  process.exitCode = 1;
});

const twoHoursAgo = Date.now() - 2 * 3600 * 1000;
const at = (minutes) => new Date(twoHoursAgo + minutes * 60 * 1000);
const run = (distinctId, minutes, command, properties = {}, event = 'cli_command') =>
  client.capture({
    distinctId,
    event,
    timestamp: at(minutes),
    properties: { command, cli: 'terraform', cli_version: '1.9.0', ...properties },
  });

// alice: init, plan, then apply reported as a start/completed pair: one successful run
run('alice', 0, 'init', { exit_code: 0, duration_ms: 900 });
run('alice', 1, 'plan', { exit_code: 0 });
run('alice', 2, 'apply', {}, 'command_started');
run('alice', 3, 'apply', { success: true, duration_s: 42.5, flags: 'auto-approve' });
client.capture({ distinctId: 'alice', event: '$pageview', properties: { $current_url: 'x' } });
await client.flush();

// bob: apply started and never completed (Ctrl-C): an interrupted run, so an abandoned workflow
run('bob', 0, 'init', { exit_code: 0 });
run('bob', 1, 'plan', { exit_code: 0 });
run('bob', 2, 'apply', {}, 'cli command started');
// carol: apply fails
run('carol', 0, 'init', { ok: true });
run('carol', 1, 'plan', { ok: true });
run('carol', 2, 'apply', { exit_code: 1, error_type: 'ProviderError' });
// dave, now: moves the horizon past the others' sessions, which closes them
client.capture({ distinctId: 'dave', event: 'cli_command', properties: { command: 'terraform fmt', exit_code: 0 } });
client.identify({ distinctId: 'dave', properties: { email: 'dave@example.com' } });
await client.shutdown();

const ok = seen.statuses.length > 0 && seen.statuses.every((s) => s === 200) && seen.gzip > 0;
if (process.exitCode !== 1) {
  console.log(JSON.stringify({ ok, ...seen }));
  process.exitCode = ok ? 0 : 1;
}
