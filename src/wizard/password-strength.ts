import type { PasswordCheck, PasswordReasonCode } from '../contract/wizard';

/** Factory and top-of-the-list passwords installers meet on site; any of them is weak. */
const COMMON = new Set([
  '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '888888', '666666', '111111', '000000',
  'admin', 'admin123', 'admin1234', 'administrator', 'password', 'password1', 'passw0rd', 'pass', 'root', 'user',
  'default', 'qwerty', 'qwerty123', 'abc123', 'abcd1234', 'letmein', 'welcome', 'camera', 'hikvision', 'dahua',
  'hik12345', 'ubnt', 'system', 'supervisor', 'service', 'guest', '9999', 'meinsm', 'tlJwpbo6', 'pass1234',
]);

const REASONS: Record<PasswordReasonCode, string> = {
  short: 'shorter than 8 characters',
  long: 'longer than 64 characters (many cameras refuse it)',
  'one-kind': 'uses only one kind of character (mix letters, digits, symbols)',
  common: 'a factory default or very common password',
  username: 'contains the user name',
  repeated: 'one character repeated',
  run: 'a run of consecutive characters',
  'non-ascii': 'contains characters outside printable ASCII (cameras differ in what they accept)',
  longer: '12 or more characters would be strong',
  'third-kind': 'a third kind of character would make it strong',
};

const check = (strength: PasswordCheck['strength'], codes: PasswordReasonCode[]): PasswordCheck => ({ strength, reasons: codes.map((c) => REASONS[c]), reasonCodes: codes });

/**
 * How good a camera password is, and why. Rules follow what camera firmware
 * itself enforces (Hikvision and Dahua: 8+ characters, 2+ kinds) plus the
 * things firmware does not catch: factory defaults, the user name inside the
 * password, one repeated character or a run like 12345678.
 */
export function passwordStrength(password: string, username = ''): PasswordCheck {
  const weak: PasswordReasonCode[] = [];
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 8) weak.push('short');
  if (password.length > 64) weak.push('long');
  if (classes < 2) weak.push('one-kind');
  if (COMMON.has(password.toLowerCase())) weak.push('common');
  if (username && password.toLowerCase().includes(username.toLowerCase())) weak.push('username');
  if (/^(.)\1+$/.test(password)) weak.push('repeated');
  if (isRun(password)) weak.push('run');
  if (/[^\x20-\x7e]/.test(password)) weak.push('non-ascii');
  if (weak.length) return check('weak', weak);
  if (password.length >= 12 && classes >= 3) return check('strong', []);
  return check('fair', [password.length < 12 ? 'longer' : 'third-kind']);
}

function isRun(p: string): boolean {
  if (p.length < 4) return false;
  const d = p.charCodeAt(1) - p.charCodeAt(0);
  if (Math.abs(d) !== 1) return false;
  for (let i = 2; i < p.length; i++) if (p.charCodeAt(i) - p.charCodeAt(i - 1) !== d) return false;
  return true;
}
