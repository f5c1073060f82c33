import { describe, expect, it } from 'vitest';
import { decodeMsg } from '../../../src/rpc/messages';

describe('decodeMsg', () => {
  it('accepts each message kind', () => {
    expect(decodeMsg('{"t":"call","id":1,"path":"system.info","args":[]}')).toEqual({ t: 'call', id: 1, path: 'system.info', args: [] });
    expect(decodeMsg('{"t":"ok","id":1,"value":null}')).toMatchObject({ t: 'ok' });
    expect(decodeMsg('{"t":"event","topic":"x.y","payload":{}}')).toMatchObject({ t: 'event' });
  });

  it.each([
    ['not json', '{{'],
    ['a bare string', '"call"'],
    ['an unknown kind', '{"t":"exec","cmd":"rm"}'],
    ['a negative id', '{"t":"call","id":-1,"path":"a.b","args":[]}'],
    ['args that are not an array', '{"t":"call","id":1,"path":"a.b","args":{}}'],
    ['too many args', `{"t":"call","id":1,"path":"a.b","args":[${Array(17).fill(0).join(',')}]}`],
    ['an over-long path', `{"t":"call","id":1,"path":"${'a'.repeat(300)}","args":[]}`],
  ])('returns null for %s', (_name, text) => {
    expect(decodeMsg(text)).toBeNull();
  });
});
