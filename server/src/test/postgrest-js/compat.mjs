// Drives /rest/v1/events with the official PostgREST client, as a Supabase user would.
// Env: REST_URL (http://host:port/rest/v1), TOKEN (an admin token: inserts and reads).
import { PostgrestClient } from '@supabase/postgrest-js'
import { randomUUID } from 'node:crypto'

const client = new PostgrestClient(process.env.REST_URL, {
  headers: { apikey: process.env.TOKEN, Authorization: `Bearer ${process.env.TOKEN}` },
})

function event(actor) {
  return {
    event_id: randomUUID(),
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    tool_name: 'terraform',
    command_path: ['terraform', 'apply'],
    exit_code: 0,
    actor_id: actor,
  }
}

function check(condition, message, detail) {
  if (!condition) {
    console.error(`postgrest-js compat FAILED: ${message}: ${JSON.stringify(detail)}`)
    process.exit(1)
  }
}

const minimal = await client.from('events').insert({ payload: event('js-one') })
check(!minimal.error && minimal.status === 201, 'insert one row', minimal)

const pair = [event('js-a'), event('js-b')]
const represented = await client
  .from('events')
  .insert(pair.map((payload) => ({ payload })))
  .select()
check(!represented.error && represented.data.length === 2, 'insert rows and select them', represented)
check(represented.data[0].id === pair[0].event_id, 'row id is the event id', represented.data)
check(represented.data[0].payload.actor_id !== 'js-a', 'actor id stored hashed', represented.data)

const single = await client.from('events').insert({ payload: event('js-single') }).select().single()
check(!single.error && single.data && single.data.id, 'insert + select().single()', single)

const doc = await client
  .from('events')
  .insert({ payload: { command: 'ai-do', weeks: [{ week: '2026-W03', successful_runs: 4 }] } })
  .select()
check(!doc.error && doc.data[0].payload.command === 'ai-do', 'store a document', doc)

const bad = await client.from('events').insert({ payload: { tool_name: 'git' } })
check(bad.error && bad.status === 400 && bad.error.message, 'invalid event refused', bad)

const all = await client.from('events').select()
check(!all.error && all.data.length >= 5, 'select every row', all)
const ids = new Set(all.data.map((r) => r.id))
check(pair.every((e) => ids.has(e.event_id)), 'inserted events read back', all.data)

const page = await client.from('events').select('*').range(1, 2)
check(!page.error && page.data.length === 2 && page.data[0].id === all.data[1].id, 'range()', page)

const limited = await client.from('events').select('id').limit(1)
check(!limited.error && limited.data.length === 1 && !('payload' in limited.data[0]), 'limit + select(id)', limited)

console.log(JSON.stringify({ ok: true, rows: all.data.length }))
