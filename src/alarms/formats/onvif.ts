import { attrOf, childOf, childrenOf, findAll, parseXml, textOf, type XmlElement } from '../../xml/safe-xml';
import type { AlarmSeverity } from '../../contract';
import { parseAlarmTime } from '../time';
import { isProblem, problem, timeProblem, type RecordProblem } from '../validate';
import { rejection, xmlProblem } from './problems';
import { LIMITS, type AlarmRecordInput, type ParseOutcome } from '../types';
import { lineAt, lineCounter, offsetsOf, splitXmlDocuments } from './lines';
import { checkDerivedRecord } from './derived';

const WSNT = 'http://docs.oasis-open.org/wsn/b-2';
const TT = 'http://www.onvif.org/ver10/schema';
const WSA = ['http://www.w3.org/2005/08/addressing', 'http://schemas.xmlsoap.org/ws/2004/08/addressing'];

/** Largest XML document in an import file (one Notify may carry thousands of messages). */
const MAX_DOC = 64 * 1024 * 1024;

/** What FieldKit calls the well-known ONVIF topics, and how bad they are. */
const TOPICS: { test: RegExp; type: string; severity: AlarmSeverity }[] = [
  { test: /SignalLoss/i, type: 'signal-loss', severity: 'critical' },
  { test: /Tamper|GlobalSceneChange/i, type: 'tamper', severity: 'major' },
  { test: /DigitalInput|Trigger\/Relay|IO\/Port|LogicalState/i, type: 'digital-input', severity: 'major' },
  { test: /Motion/i, type: 'motion', severity: 'warning' },
];

const TRUE = new Set(['true', '1']);
const FALSE = new Set(['false', '0']);

function simpleItems(el: XmlElement | undefined): { name: string; value: string }[] {
  return childrenOf(el, TT, 'SimpleItem').map((s) => ({ name: attrOf(s, 'Name') ?? '', value: attrOf(s, 'Value') ?? '' }));
}

function hostOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  try {
    return new URL(address).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Maps one wsnt:NotificationMessage to a record, or a reason it cannot be used. */
function toRecord(nm: XmlElement, fallbackDevice: string | undefined): AlarmRecordInput | 'skip' | RecordProblem {
  const topicRaw = textOf(childOf(nm, WSNT, 'Topic')) ?? '';
  const topic = topicRaw.replace(/^[\w.-]+:/, '').replace(/\/\/\.?$/, '');
  if (!topic) return problem('onvif-no-topic', {}, 'NotificationMessage has no Topic');
  const message = childOf(childOf(nm, WSNT, 'Message'), TT, 'Message');
  if (!message) return problem('onvif-no-message', { topic }, `NotificationMessage ${topic} has no tt:Message`);
  const utc = attrOf(message, 'UtcTime');
  if (!utc) return problem('onvif-no-utc-time', { topic }, `tt:Message of ${topic} has no UtcTime`);
  const time = parseAlarmTime(utc);
  if (typeof time === 'string') return timeProblem(utc, time, 'UtcTime');
  const producer = childOf(childOf(nm, WSNT, 'ProducerReference'), WSA, 'Address');
  const device = hostOf(textOf(producer)) ?? fallbackDevice;
  if (!device) return problem('onvif-no-device', {}, 'no device: the message has no ProducerReference address (give the import a device name)');
  const op = attrOf(message, 'PropertyOperation') ?? 'Changed';
  const source = simpleItems(childOf(message, TT, 'Source'));
  const data = simpleItems(childOf(message, TT, 'Data'));
  const known = TOPICS.find((t) => t.test.test(topic));
  const type = known?.type ?? topic.split('/').slice(-2).join('-').replace(/[^\w-]+/g, '-').toLowerCase().slice(0, LIMITS.type);
  const severity = known?.severity ?? 'info';
  const sourceText = source.map((s) => `${s.name}=${s.value}`).join(' ');
  const dataText = data.map((d) => `${d.name}=${d.value}`).join(' ');
  const state = data.find((d) => TRUE.has(d.value.toLowerCase()) || FALSE.has(d.value.toLowerCase()));
  const rec: AlarmRecordInput = {
    device: device.slice(0, LIMITS.device),
    kind: state ? 'alarm' : 'event',
    type,
    severity,
    action: 'event',
    time: time.iso,
    message: `${topic}${dataText ? ` ${dataText}` : ''}`.slice(0, LIMITS.message),
    source: `onvif${sourceText ? ` ${sourceText}` : ''}`.slice(0, LIMITS.source),
  };
  if (state) {
    const on = TRUE.has(state.value.toLowerCase()) && op !== 'Deleted';
    rec.action = on ? 'raise' : 'clear';
    rec.seId = `onvif:${topic}${sourceText ? `|${sourceText}` : ''}`.slice(0, LIMITS.seId);
    // Initialized=false is the device telling its current state, not that something ended.
    if (!on && op === 'Initialized') rec.softClear = true;
  } else if (op === 'Deleted' || op === 'Initialized') {
    return 'skip';
  }
  return rec;
}

/**
 * ONVIF event notifications: any XML holding wsnt:NotificationMessage elements
 * (a Notify, a PullMessagesResponse, or several documents one after another).
 */
export function parseOnvifXml(text: string, opts: { device?: string } = {}): ParseOutcome {
  const out: ParseOutcome = { records: [], rejected: [], skipped: 0 };
  for (const doc of splitXmlDocuments(text)) {
    const docLine = lineAt(text, doc.offset);
    let root: XmlElement;
    try {
      root = parseXml(doc.text, { maxSize: MAX_DOC });
    } catch (e) {
      out.rejected.push(rejection(docLine, xmlProblem(e)));
      continue;
    }
    const messages = root.local === 'NotificationMessage' && root.ns === WSNT ? [root] : findAll(root, WSNT, 'NotificationMessage');
    const at = offsetsOf(doc.text, /<(?:[\w.-]+:)?NotificationMessage[\s>]/g);
    if (messages.length === 0) out.rejected.push(rejection(docLine, problem('onvif-no-notification', {}, 'no wsnt:NotificationMessage in this XML document')));
    const lineIn = lineCounter(doc.text);
    messages.forEach((nm, i) => {
      const line = at[i] === undefined ? docLine : docLine + lineIn(at[i]!) - 1;
      const built = toRecord(nm, opts.device);
      const rec = built === 'skip' || isProblem(built) ? built : checkDerivedRecord(built);
      if (rec === 'skip') out.skipped++;
      else if (isProblem(rec)) out.rejected.push(rejection(line, rec));
      else out.records.push({ line, record: rec });
    });
  }
  return out;
}
