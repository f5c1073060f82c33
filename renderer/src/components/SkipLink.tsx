import { useTranslation } from 'react-i18next';

/**
 * The first Tab stop: jumps past the sidebar to the page. A button, not an
 * `href="#main"` anchor, because the hash is the router.
 */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="skip-link" onClick={() => document.getElementById(targetId)?.focus()}>
      {t('app.skipToContent')}
    </button>
  );
}
