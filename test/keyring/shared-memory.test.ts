/** Several key ring instances over one memoryStore() (issue 11 point 3); see race.ts. */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/keyring/index.js';
import { raceThroughRotation } from './race.js';

describe('several instances over one memoryStore()', () => {
  for (const n of [2, 5]) {
    it(`${n} instances: one creation, one rotation, one active kid, cross-verification, revocation within a minute`, async () => {
      const store = memoryStore();
      const { rotationConflicts } = await raceThroughRotation(n, () => store);
      // The race really happened: the losers tried to save their own rotation and were refused.
      expect(rotationConflicts).toBe(n - 1);
    });
  }
});
