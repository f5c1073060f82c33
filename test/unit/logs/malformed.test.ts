import { describe, expect, it } from 'vitest';
import { parseSyslog } from '../../../src/logs/parse';
import { FACILITY_NAMES, SEVERITY_NAMES, readPri, splitPri } from '../../../src/logs/parse/pri';
import { bytes, packet, text } from './captures';

describe('PRI', () => {
  it('splits every valid PRI into facility and severity', () => {
    for (let pri = 0; pri <= 191; pri++) {
      const m = parseSyslog(`<${pri}>1 - h a - - - x`);
      expect([m.facility, m.severity]).toEqual([Math.floor(pri / 8), pri % 8]);
      expect(m.facilityName).toBe(FACILITY_NAMES[Math.floor(pri / 8)]);
      expect(m.severityName).toBe(SEVERITY_NAMES[pri % 8]);
    }
    expect(splitPri(191)).toEqual({ facility: 23, severity: 7, facilityName: 'local7', severityName: 'debug' });
  });

  it('rejects PRI > 191 and over-long PRI but parses the rest', () => {
    const m = parseSyslog('<192>Nov  3 08:15:02 cam01 app: x');
    expect(m).toMatchObject({ facility: null, severity: null, facilityName: null, host: 'cam01', message: 'x', malformed: true });
    expect(m.problems).toEqual(['PRI 192 is out of range 0..191']);
    expect(readPri('<0013>')).toEqual({ length: 6, value: null, problem: 'PRI 0013 is out of range 0..191' });
  });

  it('accepts a leading zero but reports it', () => {
    expect(readPri('<013>x')).toEqual({ length: 5, value: 13, problem: 'PRI 013 has a leading zero' });
    expect(readPri('<0>x')).toEqual({ length: 3, value: 0, problem: null });
  });

  it('does not take a bracket without digits, or an unclosed one, for a PRI', () => {
    expect(readPri('<abc>x')).toBeNull();
    expect(readPri('<13 x')).toBeNull();
    expect(readPri('<>x')).toBeNull();
  });
});

describe('malformed input is kept, flagged, and never throws', () => {
  it('keeps text with no PRI and no header whole, as unknown', () => {
    const m = parseSyslog('camera rebooting now');
    expect(m).toMatchObject({ format: 'unknown', message: 'camera rebooting now', host: null, app: null, malformed: true });
    expect(m.problems).toEqual(['no PRI', 'no TIMESTAMP']);
  });

  it('reports an empty message', () => {
    expect(parseSyslog(new Uint8Array(0))).toMatchObject({ format: 'unknown', message: '', problems: ['empty message'] });
    expect(parseSyslog('\r\n')).toMatchObject({ problems: ['empty message'], raw: '' });
  });

  it('keeps complete SD elements and the truncated rest of the message', () => {
    const full = text(packet('udp-5424-sd'));
    const cut = full.slice(0, full.indexOf('tiger="hun') + 10);
    const m = parseSyslog(cut);
    expect(m.structured).toEqual([{ id: 'timeQuality', params: { tzKnown: '1', isSynced: '0' } }]);
    expect(m.message).toBe('[zoo@32473 tiger="hun');
    expect(m.problems).toEqual(['truncated STRUCTURED-DATA']);
  });

  it('keeps STRUCTURED-DATA that is not "-" or "[" as message text', () => {
    const m = parseSyslog('<13>1 - h a - - hello there');
    expect(m).toMatchObject({ structured: [], message: 'hello there', malformed: true });
    const bad = parseSyslog('<13>1 - h a - - [ok x="1"][bad id=x] m');
    expect(bad).toMatchObject({ structured: [{ id: 'ok', params: { x: '1' } }], message: '[bad id=x] m' });
    expect(bad.problems).toEqual(['invalid SD-PARAM in "bad"']);
  });

  it('flags invalid UTF-8, replaces it with U+FFFD and keeps the bytes in rawHex', () => {
    const input = Uint8Array.from([...bytes('<14>Nov  3 08:15:02 cam01 app: '), 0xc9, 0xe3, 0xcf, 0xf1, 0xcd, 0xb7]);
    const m = parseSyslog(input, { received: new Date('2026-11-05T00:00:00Z') });
    expect(m).toMatchObject({ host: 'cam01', app: 'app', malformed: true });
    // GBK for 摄像头: the first four bytes are not UTF-8; the last two happen to form U+0377.
    expect(m.message).toBe('\uFFFD\uFFFD\uFFFD\uFFFD\u0377');
    expect(m.problems).toEqual(['invalid UTF-8 (bad bytes shown as U+FFFD; original in rawHex)']);
    expect(Buffer.from(m.rawHex ?? '', 'hex')).toEqual(Buffer.from(input));
  });

  it('survives every truncation of a real message', () => {
    const full = packet('udp-5424-sd');
    for (let n = 0; n <= full.length; n++) {
      const m = parseSyslog(full.subarray(0, n));
      expect(m.malformed).toBe(m.problems.length > 0);
      expect(typeof m.message).toBe('string');
    }
  });

  it('survives random bytes and random mixtures of syslog punctuation', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = '<>[]"\\= -:0123456789TZ+.abcNov\uFEFF摄';
    for (let k = 0; k < 3000; k++) {
      const len = rand(80);
      const input = k % 2 === 0
        ? Uint8Array.from({ length: len }, () => rand(256))
        : `<${rand(200)}>${rand(3) ? '1 ' : ''}${Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('')}`;
      const m = parseSyslog(input);
      expect(m.problems.every((p) => !p.startsWith('parser error'))).toBe(true);
      expect(['rfc5424', 'rfc3164', 'unknown']).toContain(m.format);
    }
  });
});
