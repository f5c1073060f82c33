import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from './ConnectionIndicator';
import { NavList } from './NavList';
import { Preferences } from './Preferences';

export function Sidebar() {
  const { t } = useTranslation();
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">FK</span>
        <span className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
      </div>
      <NavList />
      <div className="sidebar-footer">
        <Preferences />
        <ConnectionIndicator />
      </div>
    </aside>
  );
}
