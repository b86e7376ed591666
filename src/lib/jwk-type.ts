// The JSON Web Key type, shared by every layer (the core checks and imports JWKs too); `jwkit/jwk` exports it.
/**
 * A JSON Web Key (RFC 7517). Registered members are typed; anything else is
 * kept as `unknown`.
 *
 * @example
 * ```ts
 * import { parseJwk, type Jwk } from 'jwkit/jwk';
 * const jwk: Jwk = parseJwk({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
 * ```
 */
export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  k?: string;
  pub?: string;
  priv?: string;
  x5c?: string[];
  x5t?: string;
  'x5t#S256'?: string;
  x5u?: string;
  [member: string]: unknown;
}
