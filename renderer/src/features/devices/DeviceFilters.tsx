import { useTranslation } from 'react-i18next';
import type { DiscoveredDevice } from '../../../../src/contract';
import { DISCOVERY_PROTOCOLS } from '../../../../src/contract/discovery';
import { Field } from '../../components/Field';
import { Options } from '../../components/Options';
import { useApp } from '../../stores/context';
import { NO_FILTERS, SUBNET_FILTERS, vendorOptions, type SubnetFilter, type VendorFilter } from './device-view';
import { PROTOCOL_LABELS } from './protocol-labels';

const vendorValue = (v: VendorFilter): string => (v.type === 'is' ? `is:${v.name}` : v.type);
const vendorFrom = (value: string): VendorFilter =>
  value.startsWith('is:') ? { type: 'is', name: value.slice(3) } : value === 'unknown' ? { type: 'unknown' } : { type: 'any' };

/** Text search, protocol toggles, vendor and subnet-state filters, and how many rows pass. */
export function DeviceFilters({ all, shown }: { all: readonly DiscoveredDevice[]; shown: number }) {
  const { t } = useTranslation();
  const filters = useApp((s) => s.devices.filters);
  const setFilters = useApp((s) => s.devicesSetFilters);
  const vendors = vendorOptions(all);
  const active = filters.text !== '' || filters.protocols.length > 0 || filters.vendor.type !== 'any' || filters.subnet !== 'all';
  return (
    <div className="dv-filters" role="search" aria-label={t('devices.filters.title')} data-testid="device-filters">
      <Field label={t('devices.filters.text')} className="dv-filter-text">
        <input
          type="search"
          className="input"
          value={filters.text}
          placeholder={t('devices.filters.textPlaceholder')}
          onChange={(e) => setFilters({ text: e.currentTarget.value })}
          data-testid="filter-text"
        />
      </Field>
      <div className="field" role="group" aria-labelledby="dv-filter-proto">
        <span className="field-label" id="dv-filter-proto">
          {t('devices.filters.protocols')}
        </span>
        <span className="dv-toggles">
          {DISCOVERY_PROTOCOLS.map((p) => {
            const on = filters.protocols.includes(p);
            return (
              <button
                key={p}
                type="button"
                className="btn btn-small dv-toggle"
                aria-pressed={on}
                title={t(`devices.protocolNames.${p}`)}
                onClick={() => setFilters({ protocols: on ? filters.protocols.filter((x) => x !== p) : [...filters.protocols, p] })}
                data-testid={`filter-proto-${p}`}
              >
                {PROTOCOL_LABELS[p]}
              </button>
            );
          })}
        </span>
      </div>
      <Field label={t('devices.filters.vendor')}>
        <select value={vendorValue(filters.vendor)} onChange={(e) => setFilters({ vendor: vendorFrom(e.currentTarget.value) })} data-testid="filter-vendor">
          <option value="any">{t('devices.filters.anyVendor')}</option>
          {vendors.names.map((v) => (
            <option key={v} value={`is:${v}`}>
              {v}
            </option>
          ))}
          {vendors.unknown || filters.vendor.type === 'unknown' ? <option value="unknown">{t('devices.filters.unknownVendor')}</option> : null}
          {filters.vendor.type === 'is' && !vendors.names.includes(filters.vendor.name) ? (
            <option value={vendorValue(filters.vendor)}>{filters.vendor.name}</option>
          ) : null}
        </select>
      </Field>
      <Field label={t('devices.filters.subnet')}>
        <select value={filters.subnet} onChange={(e) => setFilters({ subnet: e.currentTarget.value as SubnetFilter })} data-testid="filter-subnet">
          <Options values={SUBNET_FILTERS} label={(s) => t(`devices.filters.subnetStates.${s}`)} />
        </select>
      </Field>
      <div className="dv-filter-end">
        {active ? (
          <button type="button" className="btn btn-small" onClick={() => setFilters(NO_FILTERS)} data-testid="filter-clear">
            {t('devices.filters.clear')}
          </button>
        ) : null}
        <span className="muted small" role="status" data-testid="filter-count">
          {t('devices.filters.showing', { shown, total: all.length })}
        </span>
      </div>
    </div>
  );
}
