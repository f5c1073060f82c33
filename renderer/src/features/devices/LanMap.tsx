import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredDevice } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { primaryIp } from './device-view';
import { groupBySubnet, type IpConflict, type LaptopSubnet, type SubnetGroup } from './lan-map';
import { useSubnetReason } from './use-subnet-reason';

/** One device on the map: a button that opens its details; the look says off-subnet, conflict, offline. */
function DeviceChip({ device, conflict }: { device: DiscoveredDevice; conflict: IpConflict | undefined }) {
  const { t } = useTranslation();
  const select = useApp((s) => s.devicesSelect);
  const selected = useApp((s) => s.devices.selectedId === device.id);
  const reasonOf = useSubnetReason();
  const ip = primaryIp(device) ?? t('common.none');
  const label = device.name ?? device.model ?? device.mac ?? device.id;
  const flags = [
    device.inSubnet ? null : t('devices.offSubnet'),
    conflict ? t('devices.conflict') : null,
    device.online ? null : t('devices.offline'),
  ].filter((f): f is string => f !== null);
  const tip = [
    conflict ? t('devices.conflictWith', { ip: conflict.ip, macs: conflict.macs.filter((m) => m !== device.mac).join(', ') }) : null,
    reasonOf(device),
  ].filter(Boolean).join('\n');
  return (
    <li>
      <button
        type="button"
        className={`dv-chip${device.inSubnet ? '' : ' dv-chip-off'}${conflict ? ' dv-chip-conflict' : ''}${device.online ? '' : ' dv-chip-offline'}`}
        aria-pressed={selected}
        aria-label={`${t('devices.map.open', { label: `${ip} ${label}` })}${flags.length ? ` (${flags.join(', ')})` : ''}`}
        title={tip || undefined}
        onClick={() => select(device.id)}
        data-testid="map-device"
        data-id={device.id}
        data-off-subnet={!device.inSubnet}
        data-conflict={!!conflict}
      >
        <span className="mono dv-chip-ip">{ip}</span>
        <span className="dv-chip-label">{label}</span>
        {flags.length ? <span className="dv-chip-flags" aria-hidden="true">{flags.join(' · ')}</span> : null}
      </button>
    </li>
  );
}

function GroupCard({ group, conflicts }: { group: SubnetGroup; conflicts: ReadonlyMap<string, IpConflict> }) {
  const { t } = useTranslation();
  const titleId = `dv-map-${group.kind}-${group.key.replace(/[^\w]/g, '-')}`;
  const kindLabel = group.kind === 'laptop' ? t('devices.map.laptopSubnet') : group.kind === 'foreign' ? t('devices.map.foreign') : t('devices.map.noAddress');
  return (
    <section className={`dv-group dv-group-${group.kind}`} aria-labelledby={titleId} data-testid="map-group" data-cidr={group.cidr} data-kind={group.kind}>
      <header className="dv-group-head">
        <h3 id={titleId}>
          {group.cidr ? <span className="mono">{group.cidr}</span> : null} <span className="dv-group-kind">{kindLabel}</span>
        </h3>
        <span className="muted small">{t('devices.map.deviceCount', { count: group.devices.length })}</span>
      </header>
      {group.kind === 'laptop' ? (
        <p className="muted small mono">{group.laptop.map((l) => t('devices.map.laptopAddress', { address: l.address, iface: l.iface })).join(' · ')}</p>
      ) : null}
      {group.kind === 'foreign' ? <p className="small dv-group-hint">{t('devices.map.foreignHint')}</p> : null}
      {group.assumedPrefix ? <p className="muted small">{t('devices.map.assumedPrefix')}</p> : null}
      {group.devices.length === 0 ? (
        <p className="muted small">{t('devices.map.noDevices')}</p>
      ) : (
        <ul className="dv-chips">
          {group.devices.map((d) => {
            const ip = primaryIp(d);
            return <DeviceChip key={d.id} device={d} conflict={ip === undefined ? undefined : conflicts.get(ip)} />;
          })}
        </ul>
      )}
    </section>
  );
}

/** Devices grouped by subnet: one group per laptop subnet, then foreign subnets; conflicts listed. */
export function LanMap({
  devices,
  laptop,
  conflicts,
}: {
  devices: readonly DiscoveredDevice[];
  laptop: readonly LaptopSubnet[];
  conflicts: ReadonlyMap<string, IpConflict>;
}) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupBySubnet(devices, laptop), [devices, laptop]);
  if (groups.length === 0) return null;
  return (
    <section className="card dv-map" aria-labelledby="dv-map-title" data-testid="lan-map">
      <header className="dv-map-head">
        <div>
          <h2 className="card-title" id="dv-map-title">
            {t('devices.map.title')}
          </h2>
          <p className="muted small dv-map-desc">{t('devices.map.description')}</p>
        </div>
        <ul className="dv-legend" aria-hidden="true">
          <li>
            <span className="dv-swatch dv-chip-off" /> {t('devices.map.legendOff')}
          </li>
          <li>
            <span className="dv-swatch dv-chip-conflict" /> {t('devices.map.legendConflict')}
          </li>
          <li>
            <span className="dv-swatch dv-chip-offline" /> {t('devices.map.legendOffline')}
          </li>
        </ul>
      </header>
      {conflicts.size ? (
        <div className="notice dv-conflicts" role="note" data-testid="map-conflicts">
          <strong>{t('devices.map.conflicts')}</strong>
          <ul>
            {[...conflicts.values()].map((c) => (
              <li key={c.ip} className="mono">
                {t('devices.map.conflictLine', { ip: c.ip, count: c.macs.length, macs: c.macs.join(', ') })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="dv-groups">
        {groups.map((g) => (
          <GroupCard key={`${g.kind} ${g.key}`} group={g} conflicts={conflicts} />
        ))}
      </div>
    </section>
  );
}
