import { describe, expect, it } from 'vitest';
import { checkRecord, checkRecordDetailed, validateRecord } from '../../../src/alarms/validate';
import { sampleRejections } from './rejection-samples';

describe('alarm import rejection codes', () => {
  const samples = sampleRejections();

  it.each(samples)('%s is given for its input, with the English reason kept', (code, r) => {
    expect(r, code).toBeDefined();
    expect(r!.code).toBe(code);
    expect(r!.reason.length).toBeGreaterThan(5);
    for (const v of Object.values(r!.params)) expect(['string', 'number']).toContain(typeof v);
  });

  it('carry the values their sentences name', () => {
    const by = Object.fromEntries(samples.map(([c, r]) => [c, r!.params]));
    expect(by).toMatchObject({
      'missing-field': { field: 'device' }, 'field-not-text': { field: 'device' }, 'field-too-long': { field: 'type', max: 100 },
      'field-control-chars': { field: 'message' }, 'bad-kind': { value: 'incident' }, 'bad-action': { value: 'toggle' },
      'time-no-offset': { field: 'time', value: '2024-05-01 08:00:00' }, 'time-invalid': { field: 'time', value: 'yesterday' },
      'line-too-long': { max: 65536 }, 'csv-field-count': { fields: 5, expected: 6 }, 'isapi-not-alert': { element: 'Other' },
      'onvif-no-message': { topic: 'VideoSource/MotionAlarm' }, 'onvif-no-utc-time': { topic: 'VideoSource/MotionAlarm' },
    });
  });

  it('leave the string API for live records and the CLI as it was', () => {
    expect(validateRecord({ device: 'cam' })).toBe('missing type');
    expect(checkRecord({ device: 'cam', type: 't', kind: 'alarm', severity: 'major', action: 'raise', time: 'soon' })).toBe('time "soon" is not ISO 8601');
    expect(checkRecordDetailed({ device: 'cam', type: 't', kind: 'alarm', severity: 'major', action: 'raise', time: 'soon' })).toEqual({
      code: 'time-invalid', params: { field: 'time', value: 'soon' }, reason: 'time "soon" is not ISO 8601',
    });
  });
});
