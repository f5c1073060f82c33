// The pure parsing layer of log capture: no I/O, no Node built-ins, safe to run in the renderer.
export { parseSyslog } from './detect';
export type { ParseOptions, StructuredElement, SyslogFormat, SyslogMessage } from './types';
export { FACILITY_NAMES, SEVERITY_NAMES, splitPri } from './pri';
export { SyslogDeframer, DEFAULT_MAX_MESSAGE_BYTES } from './framing';
export type { DeframeEvent, DeframerOptions, FrameGarbage, FrameMessage, Framing } from './framing';
export { LineSplitter, systemClock } from './lines';
export type { ConsoleLine, LineClock, LineEnd, LineSplitterOptions } from './lines';
