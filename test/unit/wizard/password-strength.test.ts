import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../../src/wizard/password-strength';

describe('passwordStrength', () => {
  it.each([
    ['12345', 'shorter than 8'],
    ['abcdefgh', 'one kind'],
    ['Passw0rd', 'factory default'],
    ['Admin-2024!', 'user name'],
    ['12345678', 'consecutive'],
    ['aaaaaaaaaa', 'repeated'],
    ['Kamera-密码-2024', 'printable ASCII'],
  ])('%s is weak (%s)', (pw, why) => {
    const r = passwordStrength(pw, 'admin');
    expect(r.strength).toBe('weak');
    expect(r.reasons.join(' ')).toContain(why);
  });

  it('grades fair and strong', () => {
    expect(passwordStrength('tower7North', 'admin')).toEqual({ strength: 'fair', reasons: ['12 or more characters would be strong'], reasonCodes: ['longer'] });
    expect(passwordStrength('Kx7-tower-North!', 'admin')).toEqual({ strength: 'strong', reasons: [], reasonCodes: [] });
  });
});
