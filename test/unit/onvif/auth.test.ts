import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from '../../../src/onvif/http-digest';
import { passwordDigest, securityHeader, usernameToken } from '../../../src/onvif/wsse';

describe('WS-UsernameToken', () => {
  it('matches the published test vector', () => {
    const nonce = Buffer.from('NXdVWGn4t3fh3nmw6r5SyiMjfI4=', 'base64');
    expect(passwordDigest(nonce, '2014-12-24T19:14:37.811Z', 'secret')).toBe('8/NGGzfa9Wj6Q6+K1YAK5Yu+hDs=');
  });

  it('dates the token in the camera clock it is given and escapes the user name', () => {
    const t = usernameToken('ad<min', 'pw', new Date(Date.UTC(2019, 0, 1, 0, 0, 0)));
    expect(t.created).toBe('2019-01-01T00:00:00.000Z');
    const xml = securityHeader(t);
    expect(xml).toContain('<wsse:Username>ad&lt;min</wsse:Username>');
    expect(xml).toContain('s:mustUnderstand="1"');
  });
});

describe('HTTP Digest', () => {
  it('parses a challenge, and refuses Basic and garbage', () => {
    expect(parseDigestChallenge('Digest realm="IP Camera(C1234)", qop="auth", nonce="abc", algorithm=MD5')).toEqual({
      realm: 'IP Camera(C1234)',
      nonce: 'abc',
      qop: 'auth',
      algorithm: 'MD5',
    });
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    expect(parseDigestChallenge('Digest nonsense')).toBeNull();
    expect(parseDigestChallenge(null)).toBeNull();
  });

  it('computes the RFC 2617 example response', () => {
    const header = digestAuthorization(
      { realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: 'auth,auth-int', opaque: '5ccc069c403ebaf9f0171e9517f40e41' },
      'GET',
      '/dir/index.html',
      'Mufasa',
      'Circle Of Life',
      '0a4f113b',
    );
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('qop=auth');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });
});
