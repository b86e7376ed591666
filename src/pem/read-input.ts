/**
 * From what a user has (PEM text or DER bytes) to one checked key in SPKI or
 * PKCS#8 form, plus the certificates it came from. PEM labels pick the
 * reader; DER input is told apart by the shape of its top-level SEQUENCE.
 */
import { isBytes } from '../lib/bytes.js';
import type { KeyDer } from './algorithm.js';
import { type PemBlock, unarmor } from './armor.js';
import { parseDer, pemInvalid } from './der.js';
import { decryptPkcs8 } from './pbes2.js';
import { pkcs1PrivateToPkcs8, pkcs1PublicToSpki } from './pkcs1.js';
import { readPkcs8 } from './pkcs8.js';
import { sec1ToPkcs8 } from './sec1.js';
import { readSpki } from './spki.js';
import { certificateSpki } from './x509.js';

export interface ReadOptions {
  readonly passphrase: string | undefined;
  readonly maxIterations: number;
}

type Reader = (der: Uint8Array, opts: ReadOptions) => KeyDer | Promise<KeyDer>;

const CERTIFICATE = 'CERTIFICATE';
/** PEM label → reader (RFC 7468 §§10–13, RFC 8017, RFC 5915). */
const READERS: Record<string, Reader> = Object.assign(Object.create(null) as Record<string, Reader>, {
  'PUBLIC KEY': readSpki,
  'PRIVATE KEY': readPkcs8,
  'ENCRYPTED PRIVATE KEY': async (der: Uint8Array, o: ReadOptions) => readPkcs8(await decryptPkcs8(der, o.passphrase, o.maxIterations)),
  'RSA PUBLIC KEY': pkcs1PublicToSpki,
  'RSA PRIVATE KEY': pkcs1PrivateToPkcs8,
  'EC PRIVATE KEY': sec1ToPkcs8,
});

/** The tags (decimal) of a top-level SEQUENCE's elements → what the DER is. */
const SHAPES: readonly (readonly [RegExp, string])[] = [
  [/^48,3$/, 'PUBLIC KEY'],
  [/^2,48,4(,160)?(,129)?$/, 'PRIVATE KEY'],
  [/^48,4$/, 'ENCRYPTED PRIVATE KEY'],
  [/^48,48,3$/, CERTIFICATE],
  [/^2,2$/, 'RSA PUBLIC KEY'],
  [/^2(,2){8}$/, 'RSA PRIVATE KEY'],
  [/^2,4(,160)?(,161)?$/, 'EC PRIVATE KEY'],
];

/** The one key in `input`, and the certificates (DER, in order) when it came from certificates. */
export async function readKeyInput(input: unknown, opts: ReadOptions): Promise<{ key: KeyDer; certs: Uint8Array[] }> {
  let blocks: PemBlock[];
  if (typeof input === 'string') blocks = unarmor(input).filter((b) => b.label !== 'EC PARAMETERS');
  else if (isBytes(input)) {
    const top = parseDer(input);
    const tags = top.tag === 0x30 ? top.items.map((n) => n.tag).join() : '';
    const label = SHAPES.find(([re]) => re.test(tags))?.[1] ?? pemInvalid('DER input is not an SPKI, PKCS#8, PKCS#1, SEC1 key or a certificate');
    blocks = [{ label, der: input }];
  } else return pemInvalid('input must be PEM text (a string) or DER bytes (a Uint8Array)');
  const certs = blocks.filter((b) => b.label === CERTIFICATE).map((b) => b.der);
  if (certs.length) {
    if (certs.length !== blocks.length) pemInvalid('PEM input mixes certificates and keys');
    // Every certificate must be well-formed; the first one holds the key (RFC 7517 §4.7).
    return { key: readSpki(certs.map(certificateSpki)[0]!), certs };
  }
  const [block, extra] = blocks;
  if (!block || extra) pemInvalid('PEM input must hold exactly one key');
  const reader = READERS[block.label] ?? pemInvalid(`unsupported PEM label "${block.label}"`);
  return { key: await reader(block.der, opts), certs };
}
