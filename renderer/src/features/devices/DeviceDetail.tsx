import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/context';
import { formatDateTime } from './format';
import { ProtocolBadges } from './ProtocolBadges';
import { SubnetFlag } from './SubnetFlag';
import { useSubnetReason } from './use-subnet-reason';

type FieldKey =
  | 'ips' | 'mac' | 'macVendor' | 'manufacturer' | 'model' | 'name' | 'serial' | 'firmware' | 'mask' | 'gateway' | 'dhcp'
  | 'httpPort' | 'activated' | 'interfaces' | 'protocols' | 'subnet' | 'presence' | 'xaddrs' | 'endpoint' | 'location'
  | 'udn' | 'firstSeen' | 'lastSeen' | 'id';

/** Multi-value text (XAddrs, IPs) one per line, as text: device-supplied URLs must never become links into the app. */
function Lines({ values }: { values: readonly string[] }) {
  return (
    <ul className="dv-lines">
      {values.map((v) => (
        <li key={v}>{v}</li>
      ))}
    </ul>
  );
}

/** Puts focus back on the device's row (if it is rendered) when the panel closes, so keyboard users keep their place. */
function focusRow(id: string) {
  const rows = document.querySelectorAll<HTMLElement>('[data-testid="device-row"]');
  for (const r of rows) if (r.dataset.id === id) return r.focus();
}

/** Every field of the selected device, in a side panel; Escape or Close shuts it. */
export function DeviceDetail() {
  const { t, i18n } = useTranslation();
  const id = useApp((s) => s.devices.selectedId);
  const device = useApp((s) => (s.devices.selectedId === null ? undefined : s.devices.byId[s.devices.selectedId]));
  const select = useApp((s) => s.devicesSelect);
  const forget = useApp((s) => s.devicesForget);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reasonOf = useSubnetReason();

  useEffect(() => {
    if (id !== null) headingRef.current?.focus();
  }, [id]);

  if (id === null || !device) return null;
  const close = () => {
    select(null);
    focusRow(id);
  };
  const none = t('common.none');
  const text = (v: string | number | null) => (v === null || v === '' ? none : String(v));
  const rows: Array<[FieldKey, ReactNode, boolean?]> = [
    ['name', text(device.name)],
    ['ips', device.ips.length ? <Lines values={device.ips} /> : none, true],
    ['mac', text(device.mac), true],
    ['macVendor', text(device.macVendor)],
    ['manufacturer', text(device.manufacturer)],
    ['model', text(device.model)],
    ['serial', text(device.serial), true],
    ['firmware', text(device.firmware)],
    ['mask', text(device.mask), true],
    ['gateway', text(device.gateway), true],
    ['dhcp', device.dhcp === null ? none : device.dhcp ? t('devices.detail.dhcpOn') : t('devices.detail.dhcpOff')],
    ['httpPort', text(device.httpPort), true],
    [
      'activated',
      device.activated === null ? none : (
        <span className={`badge ${device.activated ? 'badge-ok' : 'badge-warn'}`}>
          {device.activated ? t('devices.detail.activated') : t('devices.detail.notActivated')}
        </span>
      ),
    ],
    ['protocols', <ProtocolBadges key="p" protocols={device.protocols} />],
    ['interfaces', text(device.interfaces.join(', ')), true],
    [
      'subnet',
      <span key="s" className="dv-detail-subnet">
        <SubnetFlag device={device} />
        {device.inSubnet ? null : <span data-testid="detail-subnet-reason">{reasonOf(device)}</span>}
      </span>,
    ],
    [
      'presence',
      <span key="o" className={`badge ${device.online ? 'badge-ok' : 'badge-muted'}`}>{device.online ? t('devices.online') : t('devices.offline')}</span>,
    ],
    ['xaddrs', device.xaddrs.length ? <Lines values={device.xaddrs} /> : none, true],
    ['endpoint', text(device.endpoint), true],
    ['location', text(device.location), true],
    ['udn', text(device.udn), true],
    ['firstSeen', formatDateTime(device.firstSeen, i18n.language)],
    ['lastSeen', formatDateTime(device.lastSeen, i18n.language)],
    ['id', device.id, true],
  ];
  return (
    <aside
      className="dv-detail"
      role="dialog"
      aria-modal="false"
      aria-labelledby="dv-detail-title"
      data-testid="device-detail"
      data-id={device.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <header className="dv-detail-head">
        <h2 id="dv-detail-title" ref={headingRef} tabIndex={-1}>
          {device.name ?? device.model ?? device.ips[0] ?? device.id}
          <span className="dv-detail-sub muted">{t('devices.detail.title')}</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={close} data-testid="detail-close">
          {t('devices.detail.close')}
        </button>
      </header>
      <dl className="info-list dv-detail-list">
        {rows.map(([key, value, mono]) => (
          <div className="info-row" key={key}>
            <dt>{t(`devices.detail.fields.${key}`)}</dt>
            <dd className={mono ? 'mono' : undefined} data-testid={`detail-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('devices.detail.textNote')}</p>
      <button type="button" className="btn btn-small" onClick={() => void forget(device.id)} data-testid="detail-forget">
        {t('devices.detail.forget')}
      </button>
    </aside>
  );
}

