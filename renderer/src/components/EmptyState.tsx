import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './Icon';

/** What a page shows when it has nothing yet: what will appear and how to get it there. */
export function EmptyState({ icon, title, hint }: { icon: IconName; title: string; hint: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-icon">
        <Icon name={icon} size={28} />
      </div>
      <h2>{title}</h2>
      <p>{hint}</p>
      <p className="muted small">{t('common.laterRelease')}</p>
    </div>
  );
}
