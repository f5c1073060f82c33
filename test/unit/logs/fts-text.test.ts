import { describe, expect, it } from 'vitest';
import { ftsQuery, indexText } from '../../../src/logs/store/fts-text';
import { LogStore } from '../../../src/logs/store/store';
import { entry, memoryDb } from './helpers';

describe('fts text', () => {
  it('spaces CJK characters for the index and keeps Latin words whole', () => {
    expect(indexText(['eth0 视频丢失', null, 'cam'])).toBe('eth0  视  频  丢  失  cam');
  });

  it('turns words into prefix terms, CJK runs into phrases, quotes into exact phrases', () => {
    expect(ftsQuery('link eth')).toBe('"link"* AND "eth"*');
    expect(ftsQuery('视频丢失')).toBe('"视 频 丢 失"');
    expect(ftsQuery('通道2')).toBe('"通 道 2"*');
    expect(ftsQuery('"link is down"')).toBe('"link is down"');
    expect(ftsQuery('a"b OR NEAR(x')).toBe('"a b"* AND "OR"* AND "NEAR x"*');
    expect(ftsQuery('*** ---')).toBeNull();
  });
});

describe('search through the index', () => {
  const store = new LogStore(memoryDb());
  store.insert([
    entry({ message: 'eth0: Link is Down' }),
    entry({ message: '通道2 视频丢失 报警' }),
    entry({ message: 'Café crème brûlée', app: 'menu' }),
    entry({ message: 'disk full (100%)' }),
  ]);
  const texts = (text: string) => store.search({ text }, { limit: 10, offset: 0, order: 'oldest' }).entries.map((e) => e.message);

  it('finds Latin prefixes, case and accent insensitive', () => {
    expect(texts('link DOWN')).toEqual(['eth0: Link is Down']);
    expect(texts('eth')).toEqual(['eth0: Link is Down']);
    expect(texts('creme brulee')).toEqual(['Café crème brûlée']);
    expect(texts('menu')).toEqual(['Café crème brûlée']);
  });

  it('finds a Chinese word inside a run of Chinese text', () => {
    expect(texts('视频')).toEqual(['通道2 视频丢失 报警']);
    // Spaces between CJK runs do not separate tokens in the index: this still matches (by design).
    expect(texts('丢失报警')).toEqual(['通道2 视频丢失 报警']);
    expect(texts('报警视频')).toEqual([]);
    expect(texts('丢失 报警')).toEqual(['通道2 视频丢失 报警']);
  });

  it('falls back to a substring match for punctuation-only text, and hostile syntax is inert', () => {
    expect(texts('(100%)')).toEqual(['disk full (100%)']);
    expect(texts('%')).toEqual(['disk full (100%)']);
    expect(texts('") OR 1=1 --')).toEqual([]);
  });
});
