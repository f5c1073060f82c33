import { createHash, randomBytes } from 'node:crypto';
import { escapeXmlText } from '../xml/safe-xml';
import { BASE64_ENCODING, NS, PASSWORD_DIGEST } from './namespaces';

/** One WS-UsernameToken's values; `created` must be in the camera's clock, not the laptop's. */
export interface UsernameToken {
  username: string;
  nonce: Buffer;
  created: string;
  digest: string;
}

/** Base64(SHA1(nonce bytes + Created + password)), as WS-Security's UsernameToken profile defines. */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')])).digest('base64');
}

/**
 * Builds a token for a request. `cameraNow` is the camera's clock (laptop time
 * plus the offset learnt from GetSystemDateAndTime): cameras reject tokens whose
 * Created is too far from their own time, which is the usual "wrong password"
 * that is really a wrong clock.
 */
export function usernameToken(username: string, password: string, cameraNow: Date, nonce: Buffer = randomBytes(16)): UsernameToken {
  const created = cameraNow.toISOString();
  return { username, nonce, created, digest: passwordDigest(nonce, created, password) };
}

/** The wsse:Security header element for a token. */
export function securityHeader(t: UsernameToken): string {
  return (
    `<wsse:Security xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" s:mustUnderstand="1">` +
    `<wsse:UsernameToken><wsse:Username>${escapeXmlText(t.username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_DIGEST}">${t.digest}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_ENCODING}">${t.nonce.toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${t.created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}
