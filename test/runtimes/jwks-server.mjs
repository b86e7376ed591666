// The loopback server for the runtimes run: a JWKS endpoint with the fault
// modes the suite's createRemoteJwks checks need, and the browser page.
// Listens on 127.0.0.1 only, on a port the OS picks; every wait is bounded.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { remoteKeys } from '../conformance/remote-keys.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Starts the server; resolves to { url, close() }. */
export async function startServer({ vectors, staticDir }) {
  const { sets } = remoteKeys(vectors);
  const counts = new Map();
  const timers = new Set();
  const bump = (id) => counts.set(id, (counts.get(id) ?? 0) + 1);
  const wait = (ms) => new Promise((r) => {
    const t = setTimeout(() => { timers.delete(t); r(); }, ms);
    timers.add(t);
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const p = url.pathname;
    const send = (status, body, headers = {}) => {
      if (res.headersSent || res.destroyed) return;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'content-type': 'application/json', ...headers });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    const json = (body, headers) => send(200, body, { 'cache-control': 'max-age=60', ...headers });
    let m;
    try {
      if (req.method === 'OPTIONS') return send(204, '');
      if (p.startsWith('/conformance/') && staticDir) {
        const rel = normalize(p.slice('/conformance/'.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
        const ext = rel.slice(rel.lastIndexOf('.'));
        return send(200, readFileSync(join(staticDir, rel), 'utf8'), { 'content-type': TYPES[ext] ?? 'application/octet-stream' });
      }
      if (p === '/jwks/v1.json') return json(sets.v1);
      if ((m = /^\/jwks\/count\/([\w-]+)$/.exec(p))) return json({ count: counts.get(m[1]) ?? 0 }, { 'cache-control': 'no-store' });
      if ((m = /^\/jwks\/rotating\/([\w-]+)\.json$/.exec(p))) {
        bump(m[1]);
        return json(counts.get(m[1]) === 1 ? sets.v1 : sets.v2);
      }
      if ((m = /^\/jwks\/shared\/([\w-]+)\.json$/.exec(p))) {
        bump(m[1]);
        await wait(150);
        return json(sets.v1);
      }
      if ((m = /^\/jwks\/stale\/([\w-]+)\.json$/.exec(p))) {
        bump(m[1]);
        return counts.get(m[1]) === 1 ? json(sets.v1, { 'cache-control': 'max-age=0' }) : send(503, '{}');
      }
      if (p === '/jwks/slow.json') {
        await wait(Math.min(Number(url.searchParams.get('ms') ?? 3000), 5000));
        return json(sets.v1);
      }
      if ((m = /^\/jwks\/status\/(\d{3})$/.exec(p))) return send(Number(m[1]), '{"error":"x"}');
      if (p === '/jwks/oct.json') return json(sets.oct);
      if (p === '/jwks/big.json') return json({ ...sets.v1, padding: 'x'.repeat(64 * 1024) });
      if (p === '/jwks/garbage.json') return send(200, 'this is not JSON {');
      if (p === '/jwks/not-a-set.json') return json({ kty: 'RSA' });
      if (p === '/jwks/redirect-cross-origin') {
        const port = server.address().port;
        return send(302, '', { location: `http://localhost:${port}/jwks/v1.json` });
      }
      return send(404, '{"error":"not found"}');
    } catch (e) {
      return send(500, JSON.stringify({ error: String(e && e.message) }));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
