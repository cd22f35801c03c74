// Drives /rest/v1/events with the official Supabase client (@supabase/supabase-js), through every
// read and write feature docs/supabase.md lists, and compares each answer with a table of
// expected results. Env: SUPABASE_URL (http://host:port, the client adds /rest/v1), TOKEN (an
// admin token). Prints one JSON line {"ok":true,...} or exits 1 naming the first difference.
import { createClient } from '@supabase/supabase-js'
import { randomUUID } from 'node:crypto'
import ws from 'ws'

const supabase = createClient(process.env.SUPABASE_URL, process.env.TOKEN, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  // Node 20 has no WebSocket of its own; realtime is not used, but the client builds it
  realtime: { transport: ws },
})
const events = () => supabase.from('events')

const now = Date.now()
const at = (minutesAgo) => new Date(now - minutesAgo * 60_000).toISOString()
function event(name, tool, path, exit, duration, minutesAgo, extra = {}) {
  return {
    name,
    payload: {
      event_id: randomUUID(),
      timestamp: at(minutesAgo),
      tool_name: tool,
      command_path: path,
      exit_code: exit,
      ...(duration === null ? {} : { duration_ms: duration }),
      actor_id: `supabase-${name}`,
      ci_detected: false,
      ...extra,
    },
  }
}
const rows = [
  event('e1', 'git', ['git', 'commit'], 0, 100, 10),
  event('e2', 'git', ['git', 'push'], 1, 2500, 9, { error_type: 'AuthError', ci_detected: true }),
  event('e3', 'terraform', ['terraform', 'apply'], 0, null, 8),
  event('e4', 'kubectl', ['kubectl', 'get'], 2, 50, 7, { ci_detected: true }),
  event('e5', 'gitlab', ['gitlab', 'status'], 0, 10, 6),
]
const id = {}
for (const r of rows) id[r.name] = r.payload.event_id

function fail(message, detail) {
  console.error(`supabase-js compat FAILED: ${message}: ${JSON.stringify(detail)}`)
  process.exit(1)
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

// ---- writes ------------------------------------------------------------------------------------
const minimal = await events().insert(rows.map((r) => ({ payload: r.payload })))
if (minimal.error || minimal.status !== 201 || minimal.data !== null) fail('insert, return=minimal', minimal)
const doc = await events().insert({ payload: { command: 'ai-do', weeks: 3 } }).select().single()
if (doc.error || doc.status !== 201 || doc.data.payload.command !== 'ai-do') fail('insert a document, single()', doc)
id.d1 = doc.data.id

// ---- reads: the table of expected results --------------------------------------------------------
const desc = (...names) => names.map((n) => id[n]).sort().reverse()
const ids = (...names) => names.map((n) => id[n])
const cases = [
  // [name, query, expected: { ids | one | count | status | code | csv | nothing }]
  ['issue 20 headline: count, eq on a payload field, order by id desc, range',
    () => events().select('*', { count: 'exact' }).eq('payload->>tool_name', 'git').order('id', { ascending: false }).range(0, 49),
    { ids: desc('e1', 'e2'), count: 2, status: 200 }],
  ['neq (a document without the field is not a match)', () => events().select().neq('payload->>tool_name', 'git'), { ids: ids('e3', 'e4', 'e5') }],
  ['gt on a JSON number', () => events().select().gt('payload->exit_code', 0), { ids: ids('e2', 'e4') }],
  ['gte and lt', () => events().select().gte('payload->duration_ms', 50).lt('payload->duration_ms', 2500), { ids: ids('e1', 'e4') }],
  ['lte', () => events().select().lte('payload->duration_ms', 10), { ids: ids('e5') }],
  ['like', () => events().select().like('payload->>tool_name', 'g_t'), { ids: ids('e1', 'e2') }],
  ['ilike', () => events().select().ilike('payload->>tool_name', 'GIT*'), { ids: ids('e1', 'e2', 'e5') }],
  ['in', () => events().select().in('payload->>tool_name', ['terraform', 'kubectl']), { ids: ids('e3', 'e4') }],
  ['is null', () => events().select().is('payload->>error_type', null), { ids: ids('e1', 'e3', 'e4', 'e5', 'd1') }],
  ['is true', () => events().select().is('payload->ci_detected', true), { ids: ids('e2', 'e4') }],
  ['not', () => events().select().not('payload->>tool_name', 'eq', 'git'), { ids: ids('e3', 'e4', 'e5') }],
  ['or', () => events().select().or('payload->>tool_name.eq.terraform,payload->exit_code.gt.1'), { ids: ids('e3', 'e4') }],
  ['and inside or, a document field',
    () => events().select().or('and(payload->>tool_name.eq.git,payload->exit_code.eq.0),payload->>command.eq.ai-do'),
    { ids: ids('e1', 'd1') }],
  ['nested path into an array', () => events().select().eq('payload->command_path->>1', 'push'), { ids: ids('e2') }],
  ['eq on id', () => events().select().eq('id', id.e3), { ids: ids('e3') }],
  ['timestamp as an instant', () => events().select().gt('payload->>timestamp', at(7.5)), { ids: ids('e4', 'e5') }],
  ['order by two fields, nulls last',
    () => events().select().not('payload->>tool_name', 'is', null).order('payload->>tool_name').order('payload->duration_ms', { ascending: false, nullsFirst: false }),
    { ids: ids('e2', 'e1', 'e5', 'e4', 'e3') }],
  ['order nulls first', () => events().select().order('payload->duration_ms', { ascending: true, nullsFirst: true }),
    { ids: ids('e3', 'd1', 'e5', 'e4', 'e1', 'e2') }],
  ['range of an ordered, counted read is 206 Partial Content',
    () => events().select('*', { count: 'exact' }).order('payload->>timestamp').range(1, 2),
    { ids: ids('e2', 'e3'), count: 6, status: 206 }],
  ['limit', () => events().select('id').limit(2), { ids: ids('e1', 'e2') }],
  ['head with count', () => events().select('*', { count: 'exact', head: true }).eq('payload->>tool_name', 'git'), { count: 2, nothing: true }],
  ['count=planned', () => events().select('id', { count: 'planned' }).limit(1), { ids: ids('e1'), count: 6, status: 206 }],
  ['count=estimated', () => events().select('id', { count: 'estimated' }), { ids: ids('e1', 'e2', 'e3', 'e4', 'e5', 'd1'), count: 6, status: 200 }],
  ['single()', () => events().select().eq('id', id.e4).single(), { one: id.e4 }],
  ['maybeSingle() with no row', () => events().select().eq('payload->>tool_name', 'nope').maybeSingle(), { nothing: true }],
  ['single() with two rows', () => events().select().eq('payload->>tool_name', 'git').single(), { code: 'PGRST116', status: 406 }],
  ['csv()', () => events().select().eq('id', id.e1).csv(), { csv: `id,payload\n"${id.e1}",` }],
  ['unknown column', () => events().select().eq('nosuch', 'x'), { code: '42703', status: 400 }],
  ['unknown operator', () => events().select().filter('payload->>tool_name', 'xeq', 'x'), { code: 'PGRST100', status: 400 }],
  ['malformed or', () => events().select().or('payload->>tool_name.eq.git,(payload'), { code: 'PGRST100', status: 400 }],
  ['range past the end', () => events().select('*', { count: 'exact' }).range(100, 110), { code: 'PGRST103', status: 416 }],
]

let checked = 0
for (const [name, query, want] of cases) {
  const got = await query()
  const problem = (what) => fail(`${name}: ${what}`, { status: got.status, count: got.count, error: got.error, data: got.data })
  if (want.code) {
    if (!got.error || got.error.code !== want.code || got.status !== want.status || !got.error.message) problem('error')
  } else if (got.error) {
    problem('unexpected error')
  }
  if (want.ids && !same(got.data.map((r) => r.id), want.ids)) problem(`ids, expected ${JSON.stringify(want.ids)}`)
  if (want.count !== undefined && got.count !== want.count) problem(`count, expected ${want.count}`)
  if (want.status && got.status !== want.status) problem(`status, expected ${want.status}`)
  if (want.one && (Array.isArray(got.data) || got.data.id !== want.one)) problem('one object')
  if (want.nothing && got.data !== null && !(Array.isArray(got.data) && got.data.length === 0)) problem('no data')
  if (want.csv && !(typeof got.data === 'string' && got.data.startsWith(want.csv))) problem('csv')
  checked++
}

// ---- upsert with ignore-duplicates and client-supplied ids ----------------------------------------
const fresh = event('e6', 'git', ['git', 'log'], 0, 5, 5)
const upsert = await events()
  .upsert([{ id: id.e1, payload: rows[0].payload }, { id: fresh.payload.event_id, payload: fresh.payload }], { onConflict: 'id', ignoreDuplicates: true })
  .select()
if (upsert.error || upsert.status !== 201 || !same(upsert.data.map((r) => r.id), [fresh.payload.event_id])) {
  fail('upsert ignoreDuplicates answers only the new row', upsert)
}
const after = await events().select('id', { count: 'exact', head: true })
if (after.count !== 7) fail('upsert stored exactly one new row', after)
const clash = await events().insert({ id: randomUUID(), payload: event('e7', 'git', ['git'], 0, 1, 1).payload })
if (!clash.error || clash.status !== 400) fail('an id that differs from the event_id is refused', clash)

console.log(JSON.stringify({ ok: true, cases: checked }))
