import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetInterface } from '../../../../../src/contract';
import { useApp } from '../../../stores/context';
import type { LaptopSubnet } from '../../devices/lan-map';
import { fixDraftErrors, fixPlan, subnetOn } from '../model/fix-plan';
import type { FixRun } from '../network-slice';
import { FixForm } from './FixForm';
import { FixResult } from './FixResult';
import { FixWhatIsWrong } from './FixWhatIsWrong';
import { PlanSteps } from './PlanSteps';
import { fixButtonId } from './ProblemsSection';
import { StepList } from './StepList';

/** The Fix flow of one problem: what is wrong, the form, what FieldKit will do, progress, the verified result. */
export function FixPanel({ fix, laptop, interfaces }: { fix: FixRun; laptop: readonly LaptopSubnet[]; interfaces: readonly NetInterface[] }) {
  const { t } = useTranslation();
  const close = useApp((s) => s.netCloseFix);
  const run = useApp((s) => s.netRunFix);
  const otherRunning = useApp((s) => s.network.plan.apply.status === 'running');
  // The password lives in this field only: never in the store, never logged.
  const [password, setPassword] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { problem, draft } = fix;
  const running = fix.status === 'running';
  const errors = fixDraftErrors(problem, draft);
  const invalid = Object.keys(errors).length > 0;
  const [tried, setTried] = useState(false);

  useEffect(() => {
    headingRef.current?.focus();
  }, [problem.key]);

  const onClose = () => {
    if (running) return;
    close();
    // Back to the row's Fix button, so a keyboard user keeps their place.
    requestAnimationFrame(() => document.getElementById(fixButtonId(problem))?.focus());
  };
  const submit = () => {
    setTried(true);
    if (invalid || running || otherRunning) return;
    void run(password);
  };
  const home = subnetOn(laptop, draft.iface);
  return (
    <section
      className="card net-fix"
      id="net-fix"
      aria-labelledby="net-fix-title"
      aria-busy={running}
      data-testid="fix-panel"
      data-ip={problem.ip}
      data-status={fix.status}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !running) onClose();
      }}
    >
      <div className="net-card-head">
        <h2 className="net-fix-title" id="net-fix-title" tabIndex={-1} ref={headingRef}>
          {t('network.fix.title', { ip: problem.ip })}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose} aria-disabled={running} data-testid="fix-close">
          {t('network.fix.close')}
        </button>
      </div>
      <div className="net-fix-grid">
        <div className="net-fix-col">
          <FixWhatIsWrong problem={problem} laptop={laptop} />
          <FixForm
            fix={fix}
            interfaces={interfaces}
            home={home}
            errors={tried ? errors : {}}
            password={password}
            setPassword={setPassword}
            onSubmit={submit}
            blocked={otherRunning}
          />
        </div>
        <div className="net-fix-col">
          <h3 className="net-h3">{t('network.fix.planTitle')}</h3>
          <PlanSteps steps={fixPlan(problem, draft, laptop)} />
          {fix.status !== 'editing' ? (
            <>
              <h3 className="net-h3">{t('network.fix.progress')}</h3>
              <StepList steps={fix.steps} running={running} testId="fix-steps" />
              <FixResult fix={fix} />
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}
