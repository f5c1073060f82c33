import { createHash, randomBytes } from 'node:crypto';

/** A parsed `WWW-Authenticate: Digest ...` challenge. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  opaque?: string;
  algorithm?: string;
}

/** Parses a Digest challenge; returns null for anything else (Basic, garbage). */
export function parseDigestChallenge(header: string | null): DigestChallenge | null {
  if (!header || !/^\s*Digest\s/i.test(header)) return null;
  const params: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g;
  for (let m = re.exec(header); m; m = re.exec(header)) params[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  if (!params.realm || !params.nonce) return null;
  const c: DigestChallenge = { realm: params.realm, nonce: params.nonce };
  if (params.qop) c.qop = params.qop;
  if (params.opaque) c.opaque = params.opaque;
  if (params.algorithm) c.algorithm = params.algorithm;
  return c;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The Authorization header answering a challenge (RFC 7616: MD5 or SHA-256, qop=auth or none). */
export function digestAuthorization(
  c: DigestChallenge,
  method: string,
  uri: string,
  username: string,
  password: string,
  cnonce: string = randomBytes(8).toString('hex'),
  nc = '00000001',
): string {
  const alg = (c.algorithm ?? 'MD5').toUpperCase();
  const h = alg.startsWith('SHA-256') ? sha256 : md5;
  const ha1 = h(`${username}:${c.realm}:${password}`);
  const ha2 = h(`${method}:${uri}`);
  const auth = c.qop?.split(',').map((q) => q.trim()).includes('auth');
  const response = auth ? h(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
  const q = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;
  const parts = [
    `username=${q(username)}`,
    `realm=${q(c.realm)}`,
    `nonce=${q(c.nonce)}`,
    `uri=${q(uri)}`,
    `response=${q(response)}`,
  ];
  if (c.algorithm) parts.push(`algorithm=${c.algorithm}`);
  if (auth) parts.push('qop=auth', `nc=${nc}`, `cnonce=${q(cnonce)}`);
  if (c.opaque) parts.push(`opaque=${q(c.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
