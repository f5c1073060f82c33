import { useTranslation } from 'react-i18next';
import type { PageId } from '../navigation/routes';
import { EmptyState } from './EmptyState';
import { PageHeader } from './PageHeader';

type PlaceholderPage = Exclude<PageId, 'system'>;

/** Title, purpose and empty state of a page whose feature arrives later. */
export function FeaturePlaceholder({ page }: { page: PlaceholderPage }) {
  const { t } = useTranslation();
  return (
    <section className="page" data-testid={`page-${page}`} aria-labelledby="page-title">
      <PageHeader title={t(`pages.${page}.title`)} description={t(`pages.${page}.description`)} />
      <EmptyState icon={page} title={t(`pages.${page}.emptyTitle`)} hint={t(`pages.${page}.emptyHint`)} />
    </section>
  );
}
