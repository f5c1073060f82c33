import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../stores/context';
import { FixPanel } from './components/FixPanel';
import { JournalCard } from './components/JournalCard';
import { PlanEditor } from './components/PlanEditor';
import { ProblemsSection } from './components/ProblemsSection';
import { SweepCard } from './components/SweepCard';
import { useLaptopSubnets, useProblems } from './use-problems';
import './network.css';

/**
 * The Network page: problems (off-subnet cameras, shared addresses) from discovery and the ARP
 * sweep, the Fix flow of one problem, the IP plan for many devices, and the journal of every
 * change FieldKit made to this laptop.
 */
export function NetworkPage() {
  const { t } = useTranslation();
  const open = useApp((s) => s.connection.status === 'open');
  const activateDevices = useApp((s) => s.devicesActivate);
  const activate = useApp((s) => s.netActivate);
  const interfaces = useApp((s) => s.system.interfaces);
  const privilege = useApp((s) => s.system.info?.network ?? null);
  const fix = useApp((s) => s.network.fix);
  const problems = useProblems();
  const laptop = useLaptopSubnets();

  // Discovery's list (and its live events) feed the problems; the net events feed progress and the journal.
  useEffect(() => (open ? activateDevices() : undefined), [open, activateDevices]);
  useEffect(() => (open ? activate() : undefined), [open, activate]);

  return (
    <section className="page net-page" data-testid="page-network" aria-labelledby="page-title">
      <PageHeader title={t('pages.network.title')} description={t('pages.network.description')} />
      {privilege && !privilege.allowed ? (
        <div className="notice net-notice-warn" role="note" data-testid="net-privilege">
          {t('network.privilege', { reason: t(`pages.system.privilegeReason.${privilege.code}`) })}
        </div>
      ) : null}
      <ProblemsSection problems={problems} laptop={laptop} interfaces={interfaces} />
      {fix ? <FixPanel key={fix.problem.key} fix={fix} laptop={laptop} interfaces={interfaces} /> : null}
      <SweepCard laptop={laptop} interfaces={interfaces} />
      <PlanEditor laptop={laptop} interfaces={interfaces} />
      <JournalCard />
    </section>
  );
}
