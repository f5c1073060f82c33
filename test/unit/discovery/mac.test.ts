import { describe, expect, it } from 'vitest';
import { isValidMac, isZeroMac, normaliseMac, tryNormaliseMac } from '../../../src/discovery/protocols/mac';

describe('normaliseMac', () => {
  it.each([
    ['44-19-b6-12-34-56', '44:19:b6:12:34:56'],
    ['44:19:B6:12:34:56', '44:19:b6:12:34:56'],
    ['4419.b612.3456', '44:19:b6:12:34:56'],
    ['4419B6123456', '44:19:b6:12:34:56'],
    [' 3C-EF-8C-12-34-56 ', '3c:ef:8c:12:34:56'],
    ['0:1b:2:c:d:e', '00:1b:02:0c:0d:0e'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseMac(input)).toBe(expected);
    expect(isValidMac(input)).toBe(true);
  });

  it.each(['', '44:19:b6:12:34', '44:19:b6:12:34:56:78', '44-19:b6-12:34-56', '4419b612345g', '4419.b612.345', 'not a mac', '44:19:b6:12:34:567'])(
    'refuses %j',
    (input) => {
      expect(isValidMac(input)).toBe(false);
      expect(tryNormaliseMac(input)).toBeUndefined();
      expect(() => normaliseMac(input)).toThrow(RangeError);
    },
  );

  it('recognises the all-zero MAC in any spelling', () => {
    expect(isZeroMac('00-00-00-00-00-00')).toBe(true);
    expect(isZeroMac('000000000001')).toBe(false);
  });
});
