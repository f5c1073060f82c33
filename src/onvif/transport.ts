import { FieldKitError } from '../contract/errors';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './http-digest';

export interface SoapPostOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** HTTP Digest credentials, used only when the device answers 401 with a Digest challenge. */
  digest?: { username: string; password: string };
}

export interface SoapHttpResponse {
  status: number;
  body: Uint8Array;
  usedDigest: boolean;
}

async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new FieldKitError('failed', `The device's answer is larger than ${max} bytes; FieldKit stopped reading it.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * POSTs one SOAP 1.2 request. Answers a Digest challenge once (some cameras
 * want HTTP Digest instead of, or as well as, WS-UsernameToken). Errors are
 * typed: unreachable → unavailable, no answer in time → timeout.
 */
export async function postSoap(url: string, action: string, xml: string, opts: SoapPostOptions, challenge?: DigestChallenge): Promise<SoapHttpResponse> {
  const headers: Record<string, string> = {
    'Content-Type': `application/soap+xml; charset=utf-8; action="${action}"`,
  };
  if (challenge && opts.digest) {
    const u = new URL(url);
    headers.Authorization = digestAuthorization(challenge, 'POST', `${u.pathname}${u.search}`, opts.digest.username, opts.digest.password);
  }
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: xml, signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'error' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError') throw new FieldKitError('timeout', `No answer from ${url} within ${opts.timeoutMs} ms.`);
    throw new FieldKitError('unavailable', `Cannot reach ${url}: ${e.cause?.code ?? e.message}.`);
  }
  if (res.status === 401 && !challenge && opts.digest) {
    const c = parseDigestChallenge(res.headers.get('www-authenticate'));
    await res.body?.cancel();
    if (c) return postSoap(url, action, xml, opts, c);
  }
  return { status: res.status, body: await readCapped(res, opts.maxResponseBytes), usedDigest: !!challenge };
}
