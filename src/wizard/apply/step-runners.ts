import { FieldKitError } from '../../contract/errors';
import type { DraftDevice } from '../../contract/wizard';
import type { OnvifCredentials, OnvifDevice } from '../../onvif/device';
import { scopeUri, scopeValue } from '../../onvif/parse-admin';
import { CHECK_PRESET, VISCA_IP_PORT, type ApplyDeps } from './deps';
import type { CameraRead } from './snapshot';

/** What a step works with: the camera logged in, what was read, and the plan for it. */
export interface StepContext {
  deps: ApplyDeps;
  dev: OnvifDevice;
  read: CameraRead;
  device: DraftDevice;
  username: string;
  ip: string;
}

const failed = (msg: string) => new FieldKitError('failed', msg);
const CLOCK_VERIFY_MS = 3000;

/** SetUser with the new password, verified by logging in with it. Returns the new credentials. */
export async function changePassword(ctx: StepContext, xaddr: string, password: string): Promise<{ detail: string; credentials: OnvifCredentials }> {
  await ctx.dev.setUser({ username: ctx.username, password });
  const credentials = { username: ctx.username, password };
  const fresh = ctx.deps.onvif(xaddr, credentials);
  await fresh.syncClock();
  try {
    await fresh.getDeviceInformation();
  } catch (err) {
    throw failed(`the camera accepted the new password but refuses it at login: ${(err as Error).message}`);
  }
  return { detail: `password of ${ctx.username} changed; logged in with the new one`, credentials };
}

/** The camera clock from the laptop (verified within 3 s) or from an NTP server (verified by GetNTP and the time type). */
export async function setTime(ctx: StepContext): Promise<string> {
  const t = ctx.device.time;
  if (t.mode === 'keep') return 'unchanged';
  const tz = t.timezone ?? undefined;
  if (t.mode === 'laptop') {
    await ctx.dev.setSystemDateAndTime({ ntp: false, utc: new Date(ctx.deps.now()) }, tz);
    const c = await ctx.dev.syncClock();
    if (c.type !== 'Manual' || Math.abs(c.offsetMs) > CLOCK_VERIFY_MS) throw failed(`the camera clock reads ${c.utc ?? '?'} (${c.type ?? '?'}), ${Math.round(c.offsetMs / 1000)} s from the laptop`);
    if (tz && c.timezone !== tz) throw failed(`the camera time zone reads ${c.timezone ?? 'nothing'}, not ${tz}`);
    return `clock set from the laptop; reads back within ${Math.abs(Math.round(c.offsetMs / 1000))} s${tz ? `, time zone ${tz}` : ''}`;
  }
  await ctx.dev.setNtp(t.server);
  await ctx.dev.setSystemDateAndTime({ ntp: true }, tz);
  const ntp = await ctx.dev.getNtp();
  const c = await ctx.dev.syncClock();
  if (!ntp.servers.includes(t.server) || c.type !== 'NTP') throw failed(`the camera reads back ${c.type ?? '?'} with NTP servers ${ntp.servers.join(', ') || 'none'}`);
  return `NTP server ${t.server}; reads back NTP${tz ? `, time zone ${tz}` : ''}`;
}

export async function setHostname(ctx: StepContext): Promise<string> {
  const want = ctx.device.hostname!;
  await ctx.dev.setHostname(want);
  const got = await ctx.dev.getHostname();
  if (got.name !== want) throw failed(`the camera reads back host name ${got.name ?? 'none'}, not ${want}`);
  return `host name ${want}`;
}

/** Name and location scopes; the camera's other configurable scopes are kept. */
export async function setScopes(ctx: StepContext): Promise<string> {
  const { name, location } = ctx.device;
  const current = await ctx.dev.getScopes();
  const replaced = (uri: string) =>
    (name !== null && uri.toLowerCase().startsWith('onvif://www.onvif.org/name/')) || (location !== null && uri.toLowerCase().startsWith('onvif://www.onvif.org/location/'));
  const keep = current.filter((s) => s.configurable && !replaced(s.uri)).map((s) => s.uri);
  const add = [...(name !== null ? [scopeUri('name', name)] : []), ...(location !== null ? [scopeUri('location', location)] : [])];
  await ctx.dev.setScopes([...keep, ...add]);
  const after = await ctx.dev.getScopes();
  const gotName = scopeValue(after, 'name');
  const gotLocation = scopeValue(after, 'location');
  if (name !== null && gotName !== name) throw failed(`the camera reads back name ${gotName ?? 'none'}, not ${name}`);
  if (location !== null && gotLocation !== location) throw failed(`the camera reads back location ${gotLocation ?? 'none'}, not ${location}`);
  return [name !== null ? `name ${name}` : '', location !== null ? `location ${location}` : ''].filter(Boolean).join(', ');
}

/**
 * Moves the camera, saves a preset there, moves back, recalls the preset and
 * checks the position read back each time; leaves the camera where it was.
 * Speaks VISCA over IP at the camera's address.
 */
export async function checkPtz(ctx: StepContext): Promise<string> {
  const ptz = ctx.deps.ptz;
  if (!ptz) throw new FieldKitError('unavailable', 'PTZ control is not available in this host.');
  const conn = await ptz.connect({ kind: 'visca-udp', host: ctx.ip, port: VISCA_IP_PORT }, { replyTimeoutMs: 1500, completionTimeoutMs: 20_000 });
  const id = conn.connId;
  try {
    const p0 = await ptz.position(id);
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
    const target = { pan: clamp(p0.pan + (p0.pan > 0 ? -0x200 : 0x200), -0x8000, 0x7fff), tilt: clamp(p0.tilt + (p0.tilt > 0 ? -0x100 : 0x100), -0x8000, 0x7fff) };
    const at = async (want: { pan: number; tilt: number }, what: string) => {
      const p = await ptz.position(id);
      if (p.pan !== want.pan || p.tilt !== want.tilt) throw failed(`${what}: the camera reads pan ${p.pan} tilt ${p.tilt}, expected ${want.pan}/${want.tilt}`);
    };
    await ptz.goto(id, target);
    await at(target, 'after the move');
    await ptz.preset(id, { action: 'set', number: CHECK_PRESET });
    await ptz.goto(id, { pan: p0.pan, tilt: p0.tilt });
    await at({ pan: p0.pan, tilt: p0.tilt }, 'after moving back');
    await ptz.preset(id, { action: 'recall', number: CHECK_PRESET });
    await at(target, `after recalling preset ${CHECK_PRESET}`);
    await ptz.goto(id, { pan: p0.pan, tilt: p0.tilt });
    return `moved to pan ${target.pan} tilt ${target.tilt}, preset ${CHECK_PRESET} set and recalled there, back at ${p0.pan}/${p0.tilt}`;
  } finally {
    await Promise.resolve(ptz.disconnect(id)).catch(() => undefined);
  }
}
