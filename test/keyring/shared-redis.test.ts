/**
 * Several key ring instances over a real Redis (issue 11 point 3), each with
 * its own connection, through the store adapter in examples/redis-store.mjs.
 * The test starts redis-server on a free 127.0.0.1 port with persistence off
 * and stops it afterwards. Install: apt-get install -y redis-server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
// @ts-expect-error -- a plain .mjs example without type declarations
import { redisStore as redisStoreUntyped } from '../../examples/redis-store.mjs';
import { createKeyRing, type KeyRingStore } from '../../src/keyring/index.js';
import { raceThroughRotation } from './race.js';
import { manualClock } from './helpers.js';

const redisStore = redisStoreUntyped as (client: unknown, key?: string) => KeyRingStore;
const installed = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error === undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The few client methods the test and the adapter use. */
type Client = { quit(): Promise<unknown>; del(key: string): Promise<unknown> };

describe.skipIf(!installed)(
  `several instances over a real Redis${installed ? '' : ' (skipped: redis-server is not installed; apt-get install -y redis-server)'}`,
  () => {
    let server: ChildProcess | undefined;
    let url = '';
    const clients: Client[] = [];

    beforeAll(async () => {
      const port = await freePort();
      server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
        stdio: 'ignore',
      });
      url = `redis://127.0.0.1:${port}`;
      // Wait (bounded) until the server answers.
      for (let attempt = 0; ; attempt++) {
        const c = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
        c.on('error', () => {});
        try {
          await c.connect();
          await c.ping();
          await c.quit();
          break;
        } catch (e) {
          if (attempt >= 50 || server.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`, { cause: e });
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
      if (server !== undefined && server.exitCode === null) {
        const exited = new Promise((r) => server!.once('exit', r));
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
    });

    async function connect(): Promise<Client> {
      const c = createClient({ url, socket: { reconnectStrategy: false } });
      c.on('error', () => {});
      await c.connect();
      const client = c as unknown as Client;
      clients.push(client);
      return client;
    }

    for (const n of [2, 5]) {
      it(`${n} instances, one connection each: one creation, one rotation, one active kid, cross-verification, revocation within a minute`, async () => {
        const key = `jwkit:test:${n}:${process.env.JWKIT_BACKEND ?? ''}`;
        const conns = await Promise.all(Array.from({ length: n }, () => connect()));
        await conns[0]!.del(key);
        await raceThroughRotation(n, (i) => redisStore(conns[i], key));
      });
    }

    it('the adapter is a compare-and-set: a stale version is refused, the state round-trips', async () => {
      const c = await connect();
      const key = `jwkit:test:cas:${process.env.JWKIT_BACKEND ?? ''}`;
      await c.del(key);
      const store = redisStore(c, key);
      expect(await store.load()).toBeNull();
      const ring = await createKeyRing({ alg: 'ES256', store, now: manualClock().now });
      const loaded = await store.load();
      expect(JSON.parse(loaded!.state as string)).toEqual(ring.export());
      expect(await store.save(ring.export(), null)).toEqual({ ok: false });
      expect(await store.save(ring.export(), Number(loaded!.version) + 1)).toEqual({ ok: false });
      expect(await store.save(ring.export(), loaded!.version)).toEqual({ ok: true, version: Number(loaded!.version) + 1 });
    });
  },
);
