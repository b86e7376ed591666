/**
 * The shared junk table (STYLE item 11) through the key ring's methods, which
 * test/exports-junk.test.ts cannot reach (they are not module exports): each
 * must succeed or fail with a JwkitError, never a raw TypeError.
 */
import { describe, expect, it } from 'vitest';
import { createKeyRing, memoryStore } from '../../src/keyring/index.js';
import { jwksResponse } from '../../src/http/index.js';
import { isJwkitError } from '../../src/errors.js';
import { JUNK } from '../helpers/junk.js';
import { manualClock } from './helpers.js';

describe('key ring methods meet the junk table', () => {
  it('signJwt, signCompact, revoke, resolver, jwksResponse and memoryStore fail only with JwkitError', async () => {
    const ring = await createKeyRing({ alg: 'ES256', now: manualClock().now });
    const calls: [string, (j: unknown) => unknown][] = [
      ['signJwt(junk)', (j) => ring.signJwt(j as never)],
      ['signJwt({}, junk)', (j) => ring.signJwt({}, j as never)],
      ['signCompact(junk)', (j) => ring.signCompact(j as never)],
      ['signCompact("x", junk)', (j) => ring.signCompact('x', j as never)],
      ['revoke(junk)', (j) => ring.revoke(j as never)],
      ['resolver(junk, junk)', (j) => ring.resolver(j as never, j as never)],
      ['jwksResponse(ring, junk)', (j) => jwksResponse(ring, j as never)],
      ['jwksResponse(ring, { request: junk })', (j) => jwksResponse(ring, { request: j as never })],
      ['jwksResponse({ keys: [junk] })', (j) => jwksResponse({ keys: [j] } as never)],
      ['memoryStore(junk) → createKeyRing', (j) => createKeyRing({ alg: 'ES256', store: memoryStore(j as never) })],
    ];
    const bad: string[] = [];
    for (const [name, call] of calls) {
      for (const junk of JUNK) {
        try {
          await call(junk.make());
        } catch (e) {
          if (!isJwkitError(e)) bad.push(`${name} with ${junk.name}: ${String(e)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
