import type { AlarmAction, AlarmKind, AlarmRejection, AlarmSeverity } from '../contract';

/**
 * One record entering the alarm store, whatever its origin (file import, log rule,
 * discovery watch). `time` is ISO 8601 with a UTC offset, kept as written.
 * Without `opId`, FieldKit numbers the record from its own per-device sequence
 * and recognises a re-report by its content; without `seId`, the flow is the
 * device's `type` (so "device-offline" raises and clears pair up per device).
 */
export interface AlarmRecordInput {
  device: string;
  source?: string;
  kind: AlarmKind;
  type: string;
  severity: AlarmSeverity;
  action: AlarmAction;
  time: string;
  message: string;
  seId?: string;
  opId?: number;
  /**
   * A state report rather than news (ONVIF Initialized=false, a Hikvision videoloss
   * heartbeat): when nothing is active to clear, it is skipped instead of kept as an orphan.
   */
  softClear?: boolean;
}

/** A parsed record and where it came from in its file (1-based line), for reports. */
export interface LocatedRecord {
  line: number;
  record: AlarmRecordInput;
}

/** What a format parser returns: good records, rejected lines, and skipped ones. */
export interface ParseOutcome {
  records: LocatedRecord[];
  rejected: AlarmRejection[];
  skipped: number;
}

/** Limits for free text fields, shared by every parser. */
export const LIMITS = { device: 200, type: 100, source: 200, seId: 200, message: 4000 } as const;
