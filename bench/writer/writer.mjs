// The editor of the write-heavy mix: a stand-in identity provider (RS256 keys, a JWK set and a userinfo
// endpoint shaped like Keycloak's, on 127.0.0.1) and an editor who changes one allegation of a vendor on
// the newsroom page once a second, through the public GraphQL API, while wrk reads.
//   node writer.mjs issuer PORT_FILE          serves /jwks and /userinfo; writes its port to PORT_FILE
//   node writer.mjs write URL ISSUER SECONDS  writes once a second for SECONDS; prints RESULT {...}
// Node's own crypto and fetch: nothing to install.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

const b64 = (b) => Buffer.from(b).toString('base64url');
const KEYS = process.env.WRITER_KEY_FILE;

function keys() {  // one key pair per run, shared by the issuer and the writer through a file
  if (fs.existsSync(KEYS)) return crypto.createPrivateKey(fs.readFileSync(KEYS));
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(KEYS, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return privateKey;
}

function token(issuer, key) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: 'bench' };
  const claims = {
    iss: issuer, aud: ['vendorwatch-api', 'account'], sub: crypto.randomUUID(), iat: now, nbf: now - 5,
    exp: now + 3600, preferred_username: 'bench-editor', email_verified: true,
    realm_access: { roles: ['editor'] },
  };
  const data = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  return `${data}.${b64(crypto.sign('RSA-SHA256', Buffer.from(data), key))}`;
}

function verified(auth, key) {
  const [h, p, s] = (auth || '').replace(/^Bearer /i, '').split('.');
  if (!s || !crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), crypto.createPublicKey(key), Buffer.from(s, 'base64url'))) return null;
  return JSON.parse(Buffer.from(p, 'base64url'));
}

async function issuer(portFile) {
  const key = keys();
  const jwk = { ...crypto.createPublicKey(key).export({ format: 'jwk' }), kid: 'bench', alg: 'RS256', use: 'sig' };
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [jwk] }));
    const c = req.url === '/userinfo' ? verified(req.headers.authorization, key) : null;
    if (!c) { res.statusCode = 401; return res.end('{"error":"invalid_token"}'); }
    res.end(JSON.stringify({ sub: c.sub, preferred_username: c.preferred_username, email_verified: true, realm_access: c.realm_access }));
  });
  server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
}

async function gql(url, query, variables, auth) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

async function write(url, iss, seconds) {
  const auth = token(iss, keys());
  // an allegation of the first vendor on the newsroom page that has one (the page every reader asks for)
  const page = await gql(url, '{ vendors(first: 50) { edges { node { allegations(first: 1) { edges { node { id } } } } } } }');
  const id = page.data.vendors.edges.flatMap((e) => e.node.allegations.edges)[0].node.id;
  const times = []; let errors = 0; let n = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const tick = Date.now();
    const cur = await gql(url, 'query($id: ID!) { node(id: $id) { ... on Allegation { revision summary } } }', { id });
    const summary = cur.data.node.summary.replace(/ \(bench edit \d+\)$/, '') + ` (bench edit ${++n})`;
    const t0 = process.hrtime.bigint();
    const r = await gql(url, `mutation($input: UpdateAllegationInput!) { updateAllegation(input: $input) { allegation { revision } userErrors { code message } } }`,
      { input: { id, expectedRevision: cur.data.node.revision, summary, changeNote: 'Benchmark: the write-heavy mix.' } }, auth);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.errors || r.data.updateAllegation.userErrors.length) { errors++; if (errors === 1) console.error(JSON.stringify(r)); }
    await new Promise((ok) => setTimeout(ok, Math.max(0, 1000 - (Date.now() - tick))));
  }
  times.sort((a, b) => a - b);
  const q = (p) => times.length ? Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10 : 0;
  console.log('RESULT ' + JSON.stringify({ writes: times.length, write_p50_ms: q(0.5), write_p99_ms: q(0.99), write_errors: errors }));
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'issuer') issuer(args[0]);
else if (mode === 'write') await write(args[0], args[1], Number(args[2]));
else { console.error('usage: writer.mjs issuer PORT_FILE | write URL ISSUER SECONDS'); process.exit(2); }
