import type { LogRule } from './types';

const IFACE = String.raw`(?:(?<key>(?:eth|en|wlan|lan|bond|br)[\w.-]*|port ?\d+)\b\W{0,3}[^\n]{0,40}?)?`;

/**
 * Defaults for cameras, NVRs and switches: Linux kernel and busybox wording, Hikvision/Dahua
 * English log texts, switch port messages. Tuned to stay quiet on unrelated lines (see the tests).
 */
export const DEFAULT_RULES: readonly LogRule[] = [
  {
    id: 'link-down',
    description: 'Network link lost (kernel "eth0: Link is Down", "network disconnected", switch port down)',
    kind: 'alarm',
    type: 'link-down',
    severity: 'major',
    action: 'raise',
    hint: /link|carrier|network|cable/i,
    pattern: new RegExp(
      String.raw`${IFACE}\b(?:link (?:is |status )?(?:down|lost)|carrier (?:lost|off)|network (?:cable )?(?:disconnected|unplugged|is down)|(?:cable|network) (?:unplugged|disconnected))\b`,
      'i',
    ),
  },
  {
    id: 'link-up',
    description: 'Network link back (clears link-down)',
    kind: 'alarm',
    type: 'link-down',
    severity: 'major',
    action: 'clear',
    hint: /link|carrier|network/i,
    pattern: new RegExp(String.raw`${IFACE}\b(?:link (?:is |status )?(?:up|ready|becomes ready)|carrier (?:on|acquired)|network (?:reconnected|connected|recovered|is up))\b`, 'i'),
  },
  {
    id: 'reboot',
    description: 'Device rebooting or booting',
    kind: 'event',
    type: 'reboot',
    severity: 'warning',
    action: 'event',
    hint: /reboot|system|boot|linux/i,
    pattern: /\b(?:reboot(?:ing)?(?: (?:now|system|device|the system))?|restarting system|system (?:reboot|restart|boot(?:ed|ing)?|start(?:ed|ing|up))|booting linux|linux version \d|u-boot \d)\b/i,
  },
  {
    id: 'storage-error',
    description: 'Disk / SD card / HDD errors (I/O errors, filesystem errors, full or abnormal storage)',
    kind: 'event',
    type: 'storage-error',
    severity: 'major',
    action: 'event',
    hint: /error|fail|full|abnormal|exception|unformatted|read-only/i,
    pattern: /\b(?:i\/o error|ext[234]-fs error|fat-fs \([^)]*\): error|(?:hdd|disk|sd ?card|storage|mmc\w*|sd[a-z]\d*)\b[^\n]{0,60}?\b(?:error|fail(?:ed|ure)?|full|abnormal|exception|unformatted|read-only))\b/i,
  },
];
