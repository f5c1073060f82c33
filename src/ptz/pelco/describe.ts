import { toHex } from '../hex';
import { decodePelcoD } from './pelco-d';
import { decodePelcoP } from './pelco-p';
import type { PelcoCommand, PelcoOther } from './types';

/** Human meanings of Pelco packets for the frame log ("cam 5: Pan left 0x20, tilt up 0x10"). */

const speedText = (s: number | 'turbo' | undefined): string => (s === 'turbo' ? 'turbo' : `0x${(s ?? 0).toString(16).toUpperCase().padStart(2, '0')}`);

function describeCommand(c: PelcoCommand | PelcoOther): string {
  switch (c.type) {
    case 'stop':
      return 'Stop';
    case 'preset':
      return `Preset ${c.action === 'go' ? 'recall' : c.action} ${c.preset}`;
    case 'other':
      return `Other command ${toHex(c.bytes)}`;
    case 'move': {
      const parts: string[] = [];
      if (c.pan) parts.push(`pan ${c.pan} ${speedText(c.panSpeed)}`);
      if (c.tilt) parts.push(`tilt ${c.tilt} ${speedText(c.tiltSpeed)}`);
      if (c.zoom) parts.push(`zoom ${c.zoom}`);
      if (c.focus) parts.push(`focus ${c.focus}`);
      const text = parts.join(', ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
  }
}

/** Describes one Pelco-D or Pelco-P packet; invalid packets say what is wrong with them. */
export function describePelco(protocol: 'pelco-d' | 'pelco-p', bytes: Uint8Array): string {
  const r = protocol === 'pelco-d' ? decodePelcoD(bytes) : decodePelcoP(bytes);
  if (!r.ok) return `invalid ${protocol === 'pelco-d' ? 'Pelco-D' : 'Pelco-P'} packet: ${r.message}`;
  return `cam ${r.address}: ${describeCommand(r.command)}`;
}
