import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../stores/context';
import { RecordsPanel } from './components/RecordsPanel';
import { StartPanel } from './components/StartPanel';
import { WizardView } from './components/WizardView';
import { RunProvider } from './run-context';
import './setup.css';

/**
 * The Setup page: start a commissioning run (or continue one a crash left
 * behind), walk its pages, apply with live progress, and the records to hand
 * to the customer.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const open = useApp((s) => s.connection.status === 'open');
  const activate = useApp((s) => s.setupActivate);
  const activateDevices = useApp((s) => s.devicesActivate);
  const run = useApp((s) => s.setup.run);

  useEffect(() => (open ? activate() : undefined), [open, activate]);
  // Discovery's list is where the technician picks cameras from.
  useEffect(() => (open ? activateDevices() : undefined), [open, activateDevices]);

  return (
    <section className="page su-page" data-testid="page-setup" aria-labelledby="page-title">
      <PageHeader title={t('pages.setup.title')} description={t('pages.setup.description')} />
      {run ? (
        <RunProvider store={run}>
          <WizardView />
        </RunProvider>
      ) : (
        <StartPanel />
      )}
      <RecordsPanel />
    </section>
  );
}
