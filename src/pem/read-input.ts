/**
 * From what a user has (PEM text or DER bytes) to one checked key in SPKI or
 * PKCS#8 form, plus the certificates it came from. PEM labels pick the
 * reader; DER input is told apart by the shape of its top-level SEQUENCE.
 */
import { isBytes } from '../lib/bytes.js';
import type { KeyDer } from './algorithm.js';
import { type PemBlock, unarmor } from './armor.js';
import { parseDer, pemInvalid, SEQUENCE, table } from '../lib/der.js';
import { decryptPkcs8 } from './pbes2.js';
import { pkcs1PrivateToPkcs8, pkcs1PublicToSpki } from './pkcs1.js';
import { readPkcs8 } from './pkcs8.js';
import { sec1ToPkcs8 } from './sec1.js';
import { readSpki } from './spki.js';
import { certificateSpki } from '../lib/x509.js';

export interface ReadOptions {
  readonly passphrase: string | undefined;
  readonly maxIterations: number;
}

type Reader = (der: Uint8Array, opts: ReadOptions) => KeyDer | Promise<KeyDer>;

const CERTIFICATE = 'CERTIFICATE';
/** PEM label → reader (RFC 7468 §§10–13, RFC 8017, RFC 5915). */
const READERS = table<Reader>({
  'PUBLIC KEY': readSpki,
  'PRIVATE KEY': readPkcs8,
  'ENCRYPTED PRIVATE KEY': async (der, o) => readPkcs8(await decryptPkcs8(der, o.passphrase, o.maxIterations)),
  'RSA PUBLIC KEY': pkcs1PublicToSpki,
  'RSA PRIVATE KEY': pkcs1PrivateToPkcs8,
  'EC PRIVATE KEY': sec1ToPkcs8,
});

/**
 * DER input: the tags (decimal) of the top-level SEQUENCE's first two elements tell the
 * structures apart (the reader then checks the whole of it); two INTEGERs are PKCS#1, public
 * when there are just two.
 */
const SHAPES = table({
  '48,3': 'PUBLIC KEY',
  '2,48': 'PRIVATE KEY',
  '48,4': 'ENCRYPTED PRIVATE KEY',
  '48,48': CERTIFICATE,
  '2,2': 'RSA PRIVATE KEY',
  '2,4': 'EC PRIVATE KEY',
});

/** The one key in `input`, and the certificates (DER, in order) when it came from certificates. */
export async function readKeyInput(input: unknown, opts: ReadOptions): Promise<{ key: KeyDer; certs: Uint8Array[] }> {
  let blocks: PemBlock[];
  if (typeof input === 'string') blocks = unarmor(input).filter((b) => b.label !== 'EC PARAMETERS');
  else if (isBytes(input)) {
    const { tag, items } = parseDer(input);
    const label = (tag === SEQUENCE && SHAPES[items.slice(0, 2).map((n) => n.tag).join()]) || pemInvalid('DER: not a key or certificate');
    blocks = [{ label: items.length === 2 && label === 'RSA PRIVATE KEY' ? 'RSA PUBLIC KEY' : label, der: input }];
  } else return pemInvalid('input must be a PEM string or DER Uint8Array');
  const certs = blocks.filter((b) => b.label === CERTIFICATE).map((b) => b.der);
  if (certs.length) {
    if (certs.length !== blocks.length) pemInvalid('PEM: one key, or certificates only');
    // Every certificate must be well-formed; the first one holds the key (RFC 7517 §4.7).
    return { key: readSpki(certs.map(certificateSpki)[0]!), certs };
  }
  const [block, extra] = blocks;
  if (!block || extra) pemInvalid('PEM: one key, or certificates only');
  return { key: await (READERS[block.label] ?? pemInvalid(`unsupported PEM label "${block.label}"`))(block.der, opts), certs };
}
