// A real Bluesky server stack on loopback for Rapport's tests: a PLC directory, a PDS and an AppView from
// @atproto/dev-env (the same code bsky.social runs), seeded with a small world, plus a tiny control endpoint
// so a test can create its own accounts and add posts, likes and follows while it runs.
//
//   DB_POSTGRES_URL=postgresql://USER:PASS@127.0.0.1:PORT/DB REDIS_HOST=127.0.0.1:PORT node devenv.js
//
// Optional: RAPPORT_BSKY_PLC_PORT, RAPPORT_BSKY_PDS_PORT, RAPPORT_BSKY_APPVIEW_PORT (free ports are picked
// otherwise), RAPPORT_BSKY_CONTROL_PORT (default: any free port).
//
// Prints exactly one line of JSON to stdout (the URLs, and the seeded accounts with their passwords), then
// a line "ready", and serves until it gets SIGTERM/SIGINT or its parent process dies. Everything else it says goes
// to stderr. Do not use the package's own dist/bin.js: it crashes on a version skew.
//
// Control endpoint (HTTP on 127.0.0.1, JSON in and out; every write is followed by network.processAll(),
// so the AppView has indexed it when the answer arrives):
//   POST /scenario  {}                                    → a fresh, isolated world (see seedScenario)
//   POST /account   {handle, displayName?}                → {handle, did, password, appPassword, accessJwt}
//   POST /post      {as, text, mention?, replyTo?, quote?} → {uri, cid}   (as/mention: a handle)
//   POST /like      {as, subject: {uri, cid}}              → {uri}
//   POST /repost    {as, subject: {uri, cid}}              → {uri}
//   POST /follow    {as, subject: handle}                  → {uri}
//   POST /process   {}                                     → {}
//   GET  /health                                           → {ok: true}
'use strict'

const http = require('node:http')
const { TestNetwork } = require('@atproto/dev-env')

const log = (...args) => console.error('[devenv]', ...args)
const envPort = (name) => (process.env[name] ? Number(process.env[name]) : undefined)

let network
const accounts = new Map() // handle → {handle, did, password, appPassword, accessJwt, refreshJwt}
let scenarioCount = 0

async function xrpc(nsid, { token, body, params } = {}) {
  const url = new URL(`${network.pds.url}/xrpc/${nsid}`)
  for (const [k, v] of Object.entries(params || {})) url.searchParams.set(k, v)
  const res = await fetch(url, {
    method: body !== undefined ? 'POST' : 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  let json
  try { json = JSON.parse(text) } catch { json = { raw: text } }
  if (!res.ok) throw new Error(`${nsid} → ${res.status} ${text.slice(0, 300)}`)
  return json
}

function account(handle) {
  const a = accounts.get(handle)
  if (!a) throw new Error(`unknown account ${handle}`)
  return a
}

async function createAccount(handle, displayName) {
  const password = `pw-${handle}`
  const created = await xrpc('com.atproto.server.createAccount', {
    body: { email: `${handle.replace(/\.test$/, '')}@example.test`, handle, password },
  })
  const a = { handle, did: created.did, password, accessJwt: created.accessJwt, refreshJwt: created.refreshJwt }
  // Rapport signs in with an app password, as users are told to.
  a.appPassword = (await xrpc('com.atproto.server.createAppPassword', { token: a.accessJwt, body: { name: 'rapport' } })).password
  if (displayName) {
    await xrpc('com.atproto.repo.putRecord', {
      token: a.accessJwt,
      body: {
        repo: a.did, collection: 'app.bsky.actor.profile', rkey: 'self',
        record: { $type: 'app.bsky.actor.profile', displayName, description: 'Seeded by Rapport\'s tests' },
      },
    })
  }
  accounts.set(handle, a)
  return a
}

async function createRecord(as, collection, record) {
  const a = account(as)
  return xrpc('com.atproto.repo.createRecord', {
    token: a.accessJwt,
    body: { repo: a.did, collection, record: { $type: collection, createdAt: new Date().toISOString(), ...record } },
  })
}

// A post; `mention` adds a mention facet for that handle (offsets are UTF-8 bytes, as the protocol says).
async function post(as, text, { mention, replyTo, quote } = {}) {
  const record = { text, langs: ['en'] }
  if (mention) {
    const target = account(mention)
    const at = `@${mention}`
    let idx = text.indexOf(at)
    if (idx < 0) { record.text = `${at} ${text}`; idx = 0 }
    const enc = new TextEncoder()
    const byteStart = enc.encode(record.text.slice(0, idx)).length
    record.facets = [{
      index: { byteStart, byteEnd: byteStart + enc.encode(at).length },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did: target.did }],
    }]
  }
  if (replyTo) record.reply = { root: replyTo.root || replyTo, parent: { uri: replyTo.uri, cid: replyTo.cid } }
  if (quote) record.embed = { $type: 'app.bsky.embed.record', record: { uri: quote.uri, cid: quote.cid } }
  const res = await createRecord(as, 'app.bsky.feed.post', record)
  return { uri: res.uri, cid: res.cid }
}

async function waitForNotifications(a, expected) {
  const deadline = Date.now() + 30000
  let seen = 0
  while (Date.now() < deadline) {
    try {
      const res = await xrpc('app.bsky.notification.listNotifications', { token: a.accessJwt, params: { limit: 50 } })
      seen = (res.notifications || []).length
      if (seen >= expected) return
    } catch (e) {
      log(`listNotifications for ${a.handle}: ${e.message}`)
    }
    await network.processAll()
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  log(`${a.handle}: ${seen} of ${expected} notifications listed after 30 s; going on`)
}

// A world of its own, so tests running side by side never see each other's notifications:
//   agencyN (the agency's account Rapport syncs), janeN "Jane Journalist" (a contact in the tests),
//   strangerN "Sam Stranger" (nobody's contact: lands in the Inbox).
// Jane: a post mentioning the agency, a reply to the agency's post, a like and a follow of the agency,
// a post of her own without mention. The stranger: a mention and a like.
async function seedScenario() {
  const n = ++scenarioCount
  const agency = await createAccount(`agency${n}.test`, 'Example Agency')
  const jane = await createAccount(`jane${n}.test`, 'Jane Journalist')
  const stranger = await createAccount(`stranger${n}.test`, 'Sam Stranger')
  const agencyPost = await post(agency.handle, 'Our client launches the new thing today.')
  const janeMention = await post(jane.handle, `Hello @${agency.handle} — any comment on the launch? ✨ https://example.com/story`, { mention: agency.handle })
  const janeReply = await post(jane.handle, 'Thanks, that is helpful. Quoting you in tomorrow\'s piece.', { replyTo: agencyPost })
  const janeOwn = await post(jane.handle, 'Working on a story about launches. Send tips.')
  const like = await createRecord(jane.handle, 'app.bsky.feed.like', { subject: agencyPost })
  const follow = await createRecord(jane.handle, 'app.bsky.graph.follow', { subject: agency.did })
  const strangerMention = await post(stranger.handle, `@${agency.handle} who handles press for you?`, { mention: agency.handle })
  const strangerLike = await createRecord(stranger.handle, 'app.bsky.feed.like', { subject: agencyPost })
  await network.processAll()
  // On a loaded machine the AppView can answer before it shows every notification that processAll() queued
  // (a test then saw Jane's reply only through her author feed, as a post): wait until the agency's six
  // notifications (Jane's mention, reply, like and follow; the stranger's mention and like) are listed.
  await waitForNotifications(agency, 6)
  const pub = (a) => ({ handle: a.handle, did: a.did, password: a.password, appPassword: a.appPassword })
  return {
    agency: pub(agency), jane: pub(jane), stranger: pub(stranger),
    uris: {
      agencyPost, janeMention, janeReply, janeOwn, strangerMention,
      janeLike: like.uri, janeFollow: follow.uri, strangerLike: strangerLike.uri,
    },
  }
}

async function handle(method, path, body) {
  if (method === 'GET' && path === '/health') return { ok: true }
  if (method !== 'POST') throw Object.assign(new Error('use POST'), { status: 405 })
  let result
  switch (path) {
    case '/scenario': return seedScenario()
    case '/account': {
      const a = await createAccount(body.handle, body.displayName)
      result = { handle: a.handle, did: a.did, password: a.password, appPassword: a.appPassword, accessJwt: a.accessJwt }
      break
    }
    case '/post': result = await post(body.as, body.text, body); break
    case '/like': result = { uri: (await createRecord(body.as, 'app.bsky.feed.like', { subject: body.subject })).uri }; break
    case '/repost': result = { uri: (await createRecord(body.as, 'app.bsky.feed.repost', { subject: body.subject })).uri }; break
    case '/follow': result = { uri: (await createRecord(body.as, 'app.bsky.graph.follow', { subject: account(body.subject).did })).uri }; break
    case '/process': result = {}; break
    default: throw Object.assign(new Error(`no such command ${path}`), { status: 404 })
  }
  await network.processAll()
  return result
}

function serveControl(port) {
  // One command at a time: the dev-env's processAll() is not meant to run concurrently.
  let queue = Promise.resolve()
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      queue = queue.then(async () => {
        let status = 200
        let out
        try {
          const text = Buffer.concat(chunks).toString('utf8')
          out = await handle(req.method, new URL(req.url, 'http://x').pathname, text ? JSON.parse(text) : {})
        } catch (e) {
          status = e.status || 500
          out = { error: String(e.message || e) }
          log('control', req.method, req.url, 'failed:', out.error)
        }
        const data = Buffer.from(JSON.stringify(out))
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': data.length })
        res.end(data)
      })
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port || 0, '127.0.0.1', () => resolve(server))
  })
}

async function main() {
  const t0 = Date.now()
  network = await TestNetwork.create({
    pds: { port: envPort('RAPPORT_BSKY_PDS_PORT'), hostname: 'localhost', rateLimitsEnabled: true },
    bsky: { port: envPort('RAPPORT_BSKY_APPVIEW_PORT'), dbPostgresSchema: 'bsky' },
    plc: { port: envPort('RAPPORT_BSKY_PLC_PORT') },
    dbPostgresSchema: process.env.RAPPORT_BSKY_SCHEMA || 'rapport',
  })
  log(`network up in ${Date.now() - t0} ms`)
  const seeded = await seedScenario()
  const control = await serveControl(envPort('RAPPORT_BSKY_CONTROL_PORT'))
  const info = {
    pds: network.pds.url,
    appview: network.bsky.url,
    plc: network.plc.url,
    control: `http://127.0.0.1:${control.address().port}`,
    ...seeded,
  }
  process.stdout.write(JSON.stringify(info) + '\nready\n')
  log(`ready in ${Date.now() - t0} ms`)

  let closing = false
  const shutdown = async (why) => {
    if (closing) return
    closing = true
    log('stopping:', why)
    control.close()
    const timer = setTimeout(() => process.exit(0), 5000)
    try { await network.close() } catch (e) { log('close failed', e) }
    clearTimeout(timer)
    process.exit(0)
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  // A parent that dies without killing us (kill -9 of the test script) leaves us re-parented: do not
  // outlive it, or the next run finds its ports taken.
  const parent = process.ppid
  setInterval(() => { if (process.ppid !== parent) shutdown('parent gone') }, 2000).unref()
}

main().catch((e) => {
  console.error('[devenv] FAILED', e)
  process.exit(1)
})
