import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../src/contract/errors';
import { logFilterSchema } from '../../../src/contract/logs';
import { whereFor } from '../../../src/logs/store/filter';

// Date.parse would read each as some other time: 02-30 rolls over to March 1, `Mar 5` and `1` are
// guesses, and a time without an offset is the reader's local time.
const MALFORMED = ['2026-02-30T00:00:00Z', 'Mar 5', '1', '2026-03-01T10:00:00', '2026-03-01', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00+15:00'];

describe('malformed time bounds of a log search are refused', () => {
  it.each(MALFORMED)('since %j is not silently read as another time', (since) => {
    let err: unknown;
    try {
      whereFor({ since });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FieldKitError);
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^since must be an ISO 8601 time/) });
  });

  it.each(MALFORMED)('until %j is refused by the contract', (until) => {
    const r = logFilterSchema.safeParse({ until });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['until']);
  });

  it.each([
    ['2026-03-01T10:00:00Z', Date.parse('2026-03-01T10:00:00Z')],
    ['2026-03-01T10:00:00.123Z', Date.parse('2026-03-01T10:00:00.123Z')],
    ['2026-03-01T18:00:00+08:00', Date.parse('2026-03-01T10:00:00Z')],
    ['2024-02-29T00:00:00-05:00', Date.parse('2024-02-29T05:00:00Z')],
  ])('%j is accepted by the contract and searched as that instant', (since, ms) => {
    expect(logFilterSchema.safeParse({ since }).success).toBe(true);
    expect(whereFor({ since }).params).toEqual([ms]);
  });

  it("accepts the renderer's time range values (toISOString of a local datetime)", () => {
    const since = new Date('2026-03-01T10:00').toISOString();
    expect(logFilterSchema.safeParse({ since, until: new Date(Date.parse(since) + 3_600_000).toISOString() }).success).toBe(true);
  });
});
