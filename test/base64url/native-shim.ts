/**
 * A test-only stand-in for the TC39 `Uint8Array.fromBase64` /
 * `Uint8Array.prototype.toBase64` proposal (shipped in newer engines, absent
 * from Node 20), so jwkit's native base64url branch runs here too.
 *
 * It follows the proposal's FromBase64 algorithm, including its leniencies:
 * ASCII whitespace is skipped anywhere and `=` padding is accepted. Those are
 * exactly what jwkit's alphabet pre-check must catch before calling it.
 * `lastChunkHandling: 'strict'` needs padding and zero overflow bits;
 * `'loose'` (the default) ignores overflow bits and allows a missing pad.
 */
const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const WS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);

interface FromOpts {
  alphabet?: 'base64' | 'base64url';
  lastChunkHandling?: 'loose' | 'strict' | 'stop-before-partial';
}

function fromBase64(input: unknown, options: FromOpts = {}): Uint8Array {
  if (typeof input !== 'string') throw new TypeError('fromBase64: input must be a string');
  const alphabet = options.alphabet ?? 'base64';
  if (alphabet !== 'base64' && alphabet !== 'base64url') throw new TypeError('bad alphabet');
  const last = options.lastChunkHandling ?? 'loose';
  if (last !== 'loose' && last !== 'strict' && last !== 'stop-before-partial') throw new TypeError('bad lastChunkHandling');
  const table = alphabet === 'base64' ? STD : URL;
  const buf = new Uint8Array(Math.ceil((input.length * 3) / 4));
  let o = 0;
  const done = () => buf.slice(0, o);
  let chunk: number[] = [];
  const flush = (n: number, strict: boolean) => {
    // n = chunk length (2, 3 or 4 sextets); emits n - 1 bytes.
    const v = ((chunk[0] ?? 0) << 18) | ((chunk[1] ?? 0) << 12) | ((chunk[2] ?? 0) << 6) | (chunk[3] ?? 0);
    if (strict && n === 2 && (v & 0xffff) !== 0) throw new SyntaxError('non-zero overflow bits');
    if (strict && n === 3 && (v & 0xff) !== 0) throw new SyntaxError('non-zero overflow bits');
    buf[o++] = v >>> 16;
    if (n >= 3) buf[o++] = (v >>> 8) & 255;
    if (n === 4) buf[o++] = v & 255;
    chunk = [];
  };
  let i = 0;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (WS.has(c)) continue;
    if (c === 0x3d /* = */) {
      if (chunk.length < 2) throw new SyntaxError('misplaced padding');
      const n = chunk.length;
      i++;
      if (n === 2) {
        while (i < input.length && WS.has(input.charCodeAt(i))) i++;
        if (i >= input.length || input.charCodeAt(i) !== 0x3d) {
          if (last === 'stop-before-partial') return done();
          throw new SyntaxError('incomplete padding');
        }
        i++;
      }
      while (i < input.length && WS.has(input.charCodeAt(i))) i++;
      if (i < input.length) throw new SyntaxError('data after padding');
      flush(n, last === 'strict');
      return done();
    }
    const s = table.indexOf(input[i]!);
    if (s < 0 || c > 127) throw new SyntaxError('character outside the alphabet');
    chunk.push(s);
    if (chunk.length === 4) flush(4, false);
  }
  if (chunk.length > 0) {
    if (last === 'stop-before-partial') return done();
    if (last === 'strict') throw new SyntaxError('missing padding');
    if (chunk.length === 1) throw new SyntaxError('lone trailing character');
    flush(chunk.length, false);
  }
  return done();
}

function toBase64(this: Uint8Array, options: { alphabet?: 'base64' | 'base64url'; omitPadding?: boolean } = {}): string {
  const std = Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
  let s = options.alphabet === 'base64url' ? std.replace(/\+/g, '-').replace(/\//g, '_') : std;
  if (options.omitPadding === true) s = s.replace(/=+$/, '');
  return s;
}

type Mutable = { fromBase64?: unknown };
type MutableProto = { toBase64?: unknown };

/** Install the shim; returns the function that removes it again. Refuses if the runtime already has the API. */
export function installNativeBase64Shim(): () => void {
  const ctor = Uint8Array as unknown as Mutable;
  const proto = Uint8Array.prototype as unknown as MutableProto;
  if (ctor.fromBase64 !== undefined || proto.toBase64 !== undefined) {
    // A runtime with the real API: nothing to install, nothing to remove.
    return () => {};
  }
  Object.defineProperty(ctor, 'fromBase64', { value: fromBase64, configurable: true, writable: true });
  Object.defineProperty(proto, 'toBase64', { value: toBase64, configurable: true, writable: true });
  return () => {
    delete ctor.fromBase64;
    delete proto.toBase64;
  };
}

/** Whether this runtime has native base64 (true while the shim is installed). */
export function hasNativeBase64(): boolean {
  return typeof (Uint8Array as unknown as Mutable).fromBase64 === 'function';
}
