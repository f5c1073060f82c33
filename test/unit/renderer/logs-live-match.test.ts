import { describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../src/contract';
import type { NewLogEntry } from '../../../src/logs/entry';
import { LogStore } from '../../../src/logs/store/store';
import { entryMatches } from '../../../renderer/src/features/logs/entry-match';
import { entry, memoryDb } from '../logs/helpers';

/**
 * entryMatches follows the core's search, so a live entry shows in the filtered tail exactly when a
 * fresh search would list it. Each case runs the real LogStore search (SQLite FTS5) next to it.
 */
const all = { limit: 100, offset: 0, order: 'oldest' as const };

function both(over: Partial<NewLogEntry> | string, filter: LogFilter): { core: boolean; live: boolean } {
  const store = new LogStore(memoryDb());
  const [stored] = store.insert([entry(typeof over === 'string' ? { message: over } : over)]);
  return { core: store.search(filter, all).entries.length === 1, live: entryMatches(stored!, filter) };
}

describe('live tail text filter vs core search', () => {
  it('an address typed in the search box: 10.0.0.1 does not match 10.1.0.0', () => {
    // One phrase "10 0 0 1"*: adjacent tokens in order, not the loose words {10, 0, 1}.
    expect(both('link up on 10.1.0.0', { text: '10.0.0.1' })).toEqual({ core: false, live: false });
  });

  it('a quoted phrase must be adjacent', () => {
    expect(both('down: link restored', { text: '"link down"' })).toEqual({ core: false, live: false });
  });

  it('accents are ignored like the index does (remove_diacritics 2)', () => {
    expect(both('Café door opened', { text: 'cafe' })).toEqual({ core: true, live: true });
  });

  const cases: [string, Partial<NewLogEntry> | string, string, boolean][] = [
    ['words in any order', 'eth0: link down', 'down eth0', true],
    ['case is ignored', 'eth0: Link Down', 'LINK', true],
    ['a word matches the start of a token', 'eth0: link down', 'eth', true],
    ['but not its middle', 'eth0: link down', 'th0', false],
    ['the last token of an address is a prefix', 'dhcp lease 10.0.0.15', '10.0.0.1', true],
    ['the other tokens of an address are whole', 'dhcp lease 10.0.0.15', '10.0.0.15.2', false],
    ['a quoted phrase has no prefix', 'eth0 link down', '"eth0 li"', false],
    ['a quoted phrase in order', 'eth0 link down', '"Link Down"', true],
    ['accents in the query fold too', 'cafe door opened', 'CAFÉ', true],
    ['a decomposed accent folds like a composed one', 'cafe\u0301 door', 'café', true],
    ['kana keep their voicing mark', 'がぞう', 'か', false],
    ['Chinese: a substring of a run', '通道2 视频丢失', '频丢', true],
    ['Chinese: characters must be adjacent', '通道2 视频丢失', '视丢', false],
    ['Chinese then digits: the digit is a prefix', '通道23 视频丢失', '通道2', true],
    ['the host is searched', { host: 'cam-lobby', message: 'door opened' }, 'lobby', true],
    ['a phrase runs from the message into the app', { message: 'door opened', app: 'kernel' }, '"opened kernel"', true],
    ['but not from the message into the host', { message: 'door opened', host: 'cam', app: null }, '"opened cam"', false],
    ['structured values are searched', { structured: [{ id: 'x@1', params: { zone: ['north', 'gate'] } }] }, '"north gate"', true],
    ['parameter names are not', { structured: [{ id: 'x@1', params: { zone: 'north' } }] }, 'zone', false],
    ['only punctuation is a substring of the message', 'a :: b', '::', true],
  ];
  it.each(cases)('%s', (_name, over, text, expected) => {
    expect(both(over, { text })).toEqual({ core: expected, live: expected });
  });
});
