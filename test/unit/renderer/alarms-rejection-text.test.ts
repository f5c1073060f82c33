import { describe, expect, it } from 'vitest';
import { REJECTION_CODES, rejectionText, type RejectionText } from '../../../renderer/src/features/alarms/model/rejection-text';
import { createI18n } from '../../../renderer/src/i18n';
import { sampleRejections } from '../alarms/rejection-samples';

// The rejections come from the core's own parsers (one per code), so a new code fails here until the UI knows it.
const samples = sampleRejections().map(([, r]) => r!);
const zh = createI18n('zh-CN');
const en = createI18n('en');
const say = (i18n: typeof zh, t: RejectionText) => ('key' in t ? (i18n.t as unknown as (k: string, v?: object) => string)(t.key, t.values) : t.raw);
const has = (i18n: typeof zh, key: string) => i18n.exists(key, { lng: i18n.language, fallbackLng: false });

describe('alarm import rejections in the import report', () => {
  it('know exactly the codes the core gives', () => {
    expect(samples.map((r) => r.code).sort()).toEqual([...REJECTION_CODES].sort());
  });

  it('are worded from keys both languages have', () => {
    for (const r of samples) {
      const t = rejectionText(r);
      expect('key' in t, r.code).toBe(true);
      if ('key' in t) {
        expect(has(en, t.key), t.key).toBe(true);
        expect(has(zh, t.key), t.key).toBe(true);
      }
    }
  });

  it('leave no English in Chinese but the file\'s own field names, values and XML names', () => {
    const names = /\b(kind|alarm|event|severity|action|raise|clear|op_id|JSON|CSV|XML|DOCTYPE|ENTITY|DTD|ISO|UTC|Z|hh|mm|EventNotificationAlert|eventType|eventState|active|inactive|dateTime|ipAddress|macAddress|multipart|boundary|NotificationMessage|Topic|tt:Message|UtcTime|ProducerReference|wsnt)\b/g;
    for (const r of samples) {
      const text = say(zh, rejectionText(r));
      const rest = Object.values(r.params).map(String).sort((a, b) => b.length - a.length).reduce((t, v) => t.split(v).join(''), text).replace(names, '');
      expect(rest, `${r.code}: ${text}`).not.toMatch(/[A-Za-z]{2,}/);
      expect(text, r.code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('put the values in, and keep the parser\'s own diagnostic for the general sentences', () => {
    const by = Object.fromEntries(samples.map((r) => [r.code, r]));
    expect(say(zh, rejectionText(by['time-no-offset']!))).toBe('time 时间“2024-05-01 08:00:00”缺少时区偏移（请加上 Z 或 +hh:mm，如 +08:00）');
    expect(say(en, rejectionText(by['bad-severity']!))).toBe('severity “loud” is not one of critical, major, minor, warning, info');
    expect(say(zh, rejectionText(by['csv-field-count']!))).toBe('该行有 5 个字段，而表头有 6 个');
    const malformed = rejectionText(by['xml-malformed']!);
    expect('key' in malformed && malformed.detail).toBe(by['xml-malformed']!.reason);
    const severity = rejectionText(by['bad-severity']!);
    expect('key' in severity && severity.detail).toBeNull();
  });

  it('show an unknown code, or a rejection from a core without codes, as the core wrote it', () => {
    expect(rejectionText({ reason: 'the moon is full', code: 'moon-full', params: {} })).toEqual({ raw: 'the moon is full' });
    expect(rejectionText({ reason: 'missing device' } as Parameters<typeof rejectionText>[0])).toEqual({ raw: 'missing device' });
  });
});
