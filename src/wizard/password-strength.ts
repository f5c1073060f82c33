import type { PasswordStrength } from '../contract/wizard';

/** Factory and top-of-the-list passwords installers meet on site; any of them is weak. */
const COMMON = new Set([
  '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '888888', '666666', '111111', '000000',
  'admin', 'admin123', 'admin1234', 'administrator', 'password', 'password1', 'passw0rd', 'pass', 'root', 'user',
  'default', 'qwerty', 'qwerty123', 'abc123', 'abcd1234', 'letmein', 'welcome', 'camera', 'hikvision', 'dahua',
  'hik12345', 'ubnt', 'system', 'supervisor', 'service', 'guest', '9999', 'meinsm', 'tlJwpbo6', 'pass1234',
]);

/**
 * How good a camera password is, and why. Rules follow what camera firmware
 * itself enforces (Hikvision and Dahua: 8+ characters, 2+ kinds) plus the
 * things firmware does not catch: factory defaults, the user name inside the
 * password, one repeated character or a run like 12345678.
 */
export function passwordStrength(password: string, username = ''): { strength: PasswordStrength; reasons: string[] } {
  const reasons: string[] = [];
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 8) reasons.push('shorter than 8 characters');
  if (password.length > 64) reasons.push('longer than 64 characters (many cameras refuse it)');
  if (classes < 2) reasons.push('uses only one kind of character (mix letters, digits, symbols)');
  if (COMMON.has(password.toLowerCase())) reasons.push('a factory default or very common password');
  if (username && password.toLowerCase().includes(username.toLowerCase())) reasons.push('contains the user name');
  if (/^(.)\1+$/.test(password)) reasons.push('one character repeated');
  if (isRun(password)) reasons.push('a run of consecutive characters');
  if (/[^\x20-\x7e]/.test(password)) reasons.push('contains characters outside printable ASCII (cameras differ in what they accept)');
  if (reasons.length) return { strength: 'weak', reasons };
  if (password.length >= 12 && classes >= 3) return { strength: 'strong', reasons: [] };
  return { strength: 'fair', reasons: [password.length < 12 ? '12 or more characters would be strong' : 'a third kind of character would make it strong'] };
}

function isRun(p: string): boolean {
  if (p.length < 4) return false;
  const d = p.charCodeAt(1) - p.charCodeAt(0);
  if (Math.abs(d) !== 1) return false;
  for (let i = 2; i < p.length; i++) if (p.charCodeAt(i) - p.charCodeAt(i - 1) !== d) return false;
  return true;
}
