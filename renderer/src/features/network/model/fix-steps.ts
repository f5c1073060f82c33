/**
 * Names of the steps the core's set-ip flow reports (net.fixStep, SetIpResult.steps), mapped to
 * translation keys under `network.steps`. The core's detail sentence stays English (it carries
 * addresses and MACs); the step's name is said in the UI language.
 */
export const STEP_KEYS = {
  'laptop-alias': 'laptopAlias',
  'pin-mac': 'pinMac',
  clock: 'clock',
  'read-before': 'readBefore',
  'laptop-alias-new': 'laptopAliasNew',
  'probe-new': 'probeNew',
  'set-gateway': 'setGateway',
  'set-ip': 'setIp',
  reboot: 'reboot',
  rediscover: 'rediscover',
  'read-back': 'readBack',
  error: 'error',
  cleanup: 'cleanup',
} as const;

export type StepKey = (typeof STEP_KEYS)[keyof typeof STEP_KEYS] | 'other';

/** The translation key of a step name; 'other' for a name this UI does not know yet. */
export function stepKey(name: string): StepKey {
  return Object.prototype.hasOwnProperty.call(STEP_KEYS, name) ? STEP_KEYS[name as keyof typeof STEP_KEYS] : 'other';
}
