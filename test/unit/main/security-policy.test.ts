import { describe, expect, it } from 'vitest';
import { ALLOWED_PERMISSIONS, isAllowedNavigation, isTrustedSender, SECURE_WEB_PREFERENCES } from '../../../main/security-policy';

describe('desktop window security policy', () => {
  const app = 'file:///opt/FieldKit/resources/app.asar/renderer/dist/index.html';

  it('isolates the page: context isolation and sandbox on, Node off', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });

  it('trusts only the app page (any hash route)', () => {
    expect(isTrustedSender(app, app)).toBe(true);
    expect(isTrustedSender(`${app}#/system`, app)).toBe(true);
    expect(isTrustedSender('https://evil.example/', app)).toBe(false);
    expect(isTrustedSender('file:///tmp/other.html', app)).toBe(false);
    expect(isTrustedSender(undefined, app)).toBe(false);
  });

  it('refuses navigation away from the app', () => {
    expect(isAllowedNavigation(`${app}#/ptz`, app)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:8080/', app)).toBe(false);
  });

  it('grants no Chromium permissions', () => {
    expect(ALLOWED_PERMISSIONS).toEqual([]);
  });
});
