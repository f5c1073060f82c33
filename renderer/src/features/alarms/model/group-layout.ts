import type { AlarmDeviceCount } from '../../../../../src/contract';
import { MAX_VIRTUAL_ROWS, type RowNeed } from './page-window';

/**
 * The rows of "group by device": one header per device, followed by that
 * device's alarms when the group is expanded. Only counts are known up front;
 * each group's rows are paged from the core on demand like the flat list.
 */
export interface GroupLayout {
  groups: AlarmDeviceCount[];
  /** Virtual index of each group's header. */
  starts: number[];
  /** Rows shown for each group (0 when collapsed). */
  shown: number[];
  count: number;
}

/** What sits at one virtual index. */
export type LayoutSlot =
  | { kind: 'header'; group: AlarmDeviceCount; expanded: boolean }
  | { kind: 'row'; group: AlarmDeviceCount; offset: number };

export function buildGroupLayout(groups: AlarmDeviceCount[], expanded: Readonly<Record<string, boolean>>): GroupLayout {
  const starts: number[] = [];
  const shown: number[] = [];
  let at = 0;
  for (const g of groups) {
    starts.push(at);
    const n = expanded[g.device] ? Math.min(g.total, Math.max(0, MAX_VIRTUAL_ROWS - at - 1)) : 0;
    shown.push(n);
    at += 1 + n;
  }
  return { groups, starts, shown, count: at };
}

/** The group whose block holds `index` (binary search over header positions). */
function groupIndexAt(layout: GroupLayout, index: number): number {
  let lo = 0;
  let hi = layout.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function slotAt(layout: GroupLayout, index: number): LayoutSlot | null {
  if (index < 0 || index >= layout.count) return null;
  const gi = groupIndexAt(layout, index);
  const group = layout.groups[gi]!;
  const rel = index - layout.starts[gi]!;
  if (rel === 0) return { kind: 'header', group, expanded: layout.shown[gi]! > 0 };
  return { kind: 'row', group, offset: rel - 1 };
}

/** The virtual index of a group's header. */
export function headerIndex(layout: GroupLayout, device: string): number | null {
  const i = layout.groups.findIndex((g) => g.device === device);
  return i < 0 ? null : layout.starts[i]!;
}

/** Rows a range of virtual indexes (inclusive) needs, per group. */
export function needsInGroups(layout: GroupLayout, start: number, end: number): RowNeed[] {
  const needs: RowNeed[] = [];
  if (layout.count === 0 || end < start) return needs;
  const first = groupIndexAt(layout, Math.max(0, start));
  for (let gi = first; gi < layout.groups.length && layout.starts[gi]! <= end; gi++) {
    if (layout.shown[gi] === 0) continue;
    const rowsFrom = layout.starts[gi]! + 1;
    const rowsTo = rowsFrom + layout.shown[gi]! - 1;
    const a = Math.max(start, rowsFrom);
    const b = Math.min(end, rowsTo);
    if (a <= b) needs.push({ scope: layout.groups[gi]!.device, start: a - rowsFrom, end: b - rowsFrom });
  }
  return needs;
}
