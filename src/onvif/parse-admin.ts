import { childOf, childrenOf, childText, type XmlElement } from '../xml/safe-xml';
import { NS } from './namespaces';
import type { OnvifScope, OnvifUser, NtpInformation } from './types';

/** GetScopesResponse → every scope with whether the device lets it be changed. */
export function parseScopes(body: XmlElement): OnvifScope[] {
  return childrenOf(body, NS.tds, 'Scopes')
    .map((s) => ({
      configurable: childText(s, NS.tt, 'ScopeDef')?.trim() === 'Configurable',
      uri: (childText(s, NS.tt, 'ScopeItem') ?? '').trim(),
    }))
    .filter((s) => s.uri !== '');
}

/** GetUsersResponse → user names and levels (cameras never return passwords here). */
export function parseUsers(body: XmlElement): OnvifUser[] {
  return childrenOf(body, NS.tds, 'User')
    .map((u) => ({ username: (childText(u, NS.tt, 'Username') ?? '').trim(), level: (childText(u, NS.tt, 'UserLevel') ?? '').trim() }))
    .filter((u) => u.username !== '');
}

/** GetNTPResponse → where the camera takes its time from. */
export function parseNtp(body: XmlElement): NtpInformation {
  const info = childOf(body, NS.tds, 'NTPInformation');
  const servers = [...childrenOf(info, NS.tt, 'NTPManual'), ...childrenOf(info, NS.tt, 'NTPFromDHCP')]
    .map((n) => (childText(n, NS.tt, 'IPv4Address') ?? childText(n, NS.tt, 'DNSname') ?? '').trim())
    .filter(Boolean);
  return { fromDhcp: childText(info, NS.tt, 'FromDHCP')?.trim() === 'true', servers };
}

/** GetCapabilitiesResponse → whether the device offers a PTZ service, and its address. */
export function parsePtzCapability(body: XmlElement): { ptz: boolean; ptzXaddr: string | null } {
  const xaddr = childText(childOf(childOf(body, NS.tds, 'Capabilities'), NS.tt, 'PTZ'), NS.tt, 'XAddr')?.trim() || null;
  return { ptz: xaddr !== null, ptzXaddr: xaddr };
}

/** The name or location an ONVIF scope URI carries (`onvif://www.onvif.org/name/Front%20Door` → "Front Door"). */
export function scopeValue(scopes: readonly OnvifScope[], kind: 'name' | 'location'): string | null {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const hit = scopes.find((s) => s.uri.toLowerCase().startsWith(prefix));
  if (!hit) return null;
  try {
    return decodeURIComponent(hit.uri.slice(prefix.length));
  } catch {
    return hit.uri.slice(prefix.length);
  }
}

/** The scope URI for a name or location (percent-encoded, so spaces and CJK survive). */
export function scopeUri(kind: 'name' | 'location', value: string): string {
  return `onvif://www.onvif.org/${kind}/${encodeURIComponent(value)}`;
}
