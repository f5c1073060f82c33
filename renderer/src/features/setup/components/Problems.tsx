import { useTranslation } from 'react-i18next';
import type { WizardProblem } from '../../../../../src/contract';
import { problemText } from '../model/text';
import { Tx } from './Tx';

/** What in the draft stops the technician going on, translated by code. */
export function Problems({ problems, testId = 'setup-problems' }: { problems: readonly WizardProblem[]; testId?: string }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <div className="notice su-notice-warn" role="status" data-testid={testId}>
      <strong>{t('setup.problemsTitle')}</strong>
      <ul className="su-list">
        {problems.map((p, i) => (
          <li key={`${p.code}-${p.mac ?? ''}-${i}`} data-code={p.code}>
            <Tx text={problemText(p)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
