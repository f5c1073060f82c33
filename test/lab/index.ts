/** Test lab: network-namespace LAN, socat pty pairs and the skip-locally / fail-in-CI helpers. */
export { createLab, labSupport, listNamespaces, requireLabOrSkip, sweepStaleLabs, withLab } from './netns';
export type { DeviceOptions, ExecOptions, ExecResult, Lab, LabDevice, LabOptions } from './netns';
export { untilReady } from './ready';
export { createPtyPair, ptySupport, requirePtyOrSkip, sweepStalePtys } from './pty';
export type { PtyPair } from './pty';
export { findTool, hasTool, isCI, requireOrSkip, requireToolsOrSkip, toolSupport } from './tools';
export type { Support } from './tools';
