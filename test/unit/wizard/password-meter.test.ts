import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../../src/wizard/password-strength';

// The meter the Setup page shows must judge as setNewPassword does: with the user name.
describe('password strength with the user name', () => {
  it('marks a password built on the user name down', () => {
    const alone = passwordStrength('Admin#2026-Harbour');
    const withUser = passwordStrength('Admin#2026-Harbour', 'admin');
    expect(['fair', 'strong']).toContain(alone.strength);
    expect(withUser.reasons.length).toBeGreaterThan(alone.reasons.length);
  });
});
