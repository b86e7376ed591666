// A KeyRingStore over Redis (node-redis), so every instance of an issuer
// shares one key ring. The state and a version counter live in one hash; a
// Lua script makes save() a compare-and-set, so two instances that rotate at
// the same instant end with one rotation.
//
//   import { createClient } from 'redis';
//   import { createKeyRing } from 'jwkit/keyring';
//   const client = await createClient({ url: process.env.REDIS_URL }).connect();
//   const ring = await createKeyRing({ alg: 'ES256', store: redisStore(client) });
//
// The state holds private keys: use Redis ACLs and TLS as for any secret.

// KEYS[1] = the hash; ARGV[1] = the version the caller read ('' = nothing stored), ARGV[2] = the new state.
const COMPARE_AND_SET = `
local v = redis.call('HGET', KEYS[1], 'version')
if (v or '') ~= ARGV[1] then return false end
local n = (tonumber(v) or 0) + 1
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'version', n)
return n`;

/**
 * A key ring store in the Redis hash `key`.
 * @param {{ hmGet: Function, eval: Function }} client - a connected node-redis client
 * @param {string} [key] - the hash that holds the state
 * @returns {import('../src/keyring/index.js').KeyRingStore}
 */
export function redisStore(client, key = 'jwkit:keyring') {
  return {
    async load() {
      // One HMGET reads the state and its version together.
      const [state, version] = await client.hmGet(key, ['state', 'version']);
      return state == null || version == null ? null : { state, version: Number(version) };
    },
    async save(state, expected) {
      const version = await client.eval(COMPARE_AND_SET, {
        keys: [key],
        arguments: [expected === null ? '' : String(expected), JSON.stringify(state)],
      });
      return version === null ? { ok: false } : { ok: true, version: Number(version) };
    },
  };
}
