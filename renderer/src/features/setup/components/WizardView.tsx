import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardStepId } from '../../../../../src/contract';
import { useApp } from '../../../stores/context';
import { useRun } from '../run-context';
import { availableSteps } from '../run-store';
import { ApplyStep } from '../steps/ApplyStep';
import { CredentialsStep } from '../steps/CredentialsStep';
import { DevicesStep } from '../steps/DevicesStep';
import { IdentityStep } from '../steps/IdentityStep';
import { NetworkStep } from '../steps/NetworkStep';
import { PtzStep } from '../steps/PtzStep';
import { ReviewStep } from '../steps/ReviewStep';
import { SummaryStep } from '../steps/SummaryStep';
import { TimeStep } from '../steps/TimeStep';
import { Problems } from './Problems';

const PAGES: Record<WizardStepId, () => ReactNode> = {
  devices: () => <DevicesStep />,
  credentials: () => <CredentialsStep />,
  network: () => <NetworkStep />,
  time: () => <TimeStep />,
  identity: () => <IdentityStep />,
  ptz: () => <PtzStep />,
  review: () => <ReviewStep />,
  apply: () => <ApplyStep />,
  summary: () => <SummaryStep />,
};

/** The open run: its pages as the core lists them, the current one, and Back / Next. */
export function WizardView() {
  const { t } = useTranslation();
  const stepIds = useRun((s) => s.stepIds);
  const current = useRun((s) => s.current);
  const run = useRun((s) => s.run);
  const applyStatus = useRun((s) => s.applyState.status);
  const error = useRun((s) => s.error);
  const goTo = useRun((s) => s.goTo);
  const next = useRun((s) => s.next);
  const back = useRun((s) => s.back);
  const close = useApp((s) => s.setupClose);
  const available = availableSteps({ run, stepIds });
  const applying = applyStatus === 'running' || applyStatus === 'cancelling';
  const isDraft = run.state === 'draft';
  const stepState = run.steps.find((s) => s.id === current);
  const heading = useRef<HTMLHeadingElement>(null);

  // Moving to another page puts focus on its title, so a keyboard user starts there.
  useEffect(() => heading.current?.focus(), [current]);

  /** A page can be opened when the core says so; while applying, only the apply page. */
  const canOpen = (id: WizardStepId) => {
    if (applying) return id === 'apply';
    if (!isDraft) return id === 'summary' || id === 'apply' || id === 'review';
    return available.includes(id) && id !== 'apply' && id !== 'summary';
  };
  const draftPage = isDraft && current !== 'review' && current !== 'apply' && current !== 'summary';

  return (
    <div className="su-wizard" data-testid="setup-wizard" data-run={run.id} data-state={run.state}>
      <div className="su-run-head">
        <div>
          <strong data-testid="setup-run-site">{run.draft.site}</strong>
          <span className="muted small"> · #{run.id} · {t(`setup.runState.${run.state}`)}</span>
          {run.draft.technician ? <span className="muted small"> · {run.draft.technician}</span> : null}
        </div>
        <button type="button" className="btn" data-testid="setup-close" disabled={applying} onClick={() => void close(isDraft)}>
          {isDraft ? t('setup.cancelRun') : t('setup.closeRun')}
        </button>
      </div>
      <nav aria-label={t('setup.stepsLabel')}>
        <ol className="su-steps">
          {stepIds.map((id, i) => (
            <li key={id}>
              <button
                type="button"
                className="su-step"
                data-testid={`setup-step-${id}`}
                aria-current={current === id ? 'step' : undefined}
                disabled={!canOpen(id) && current !== id}
                onClick={() => goTo(id)}
              >
                <span className="su-step-n" aria-hidden="true">{i + 1}</span>
                {t(`setup.step.${id}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="card su-body" data-testid="setup-body" data-step={current}>
        <h2 className="su-step-title" tabIndex={-1} ref={heading}>
          {t(`setup.step.${current}`)}
        </h2>
        <p className="muted su-step-hint">{t(`setup.hint.${current}`)}</p>
        {PAGES[current]()}
        {draftPage && stepState ? <Problems problems={stepState.problems} /> : null}
        {error ? (
          <p className="notice notice-error" role="alert" data-testid="setup-error">
            {error}
          </p>
        ) : null}
        {draftPage ? (
          <div className="su-nav">
            <button type="button" className="btn" data-testid="setup-back" onClick={back} disabled={current === stepIds[0]}>
              {t('setup.back')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="setup-next" onClick={next}>
              {t('setup.next')}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
