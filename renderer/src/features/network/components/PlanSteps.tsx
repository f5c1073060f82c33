import { useTranslation } from 'react-i18next';
import type { PlanStep } from '../model/fix-plan';

/** "What FieldKit will do", in order, in plain language. */
export function PlanSteps({ steps }: { steps: readonly PlanStep[] }) {
  const { t } = useTranslation();
  return (
    <ol className="net-plan" data-testid="fix-plan">
      {steps.map((s, i) => (
        <li key={`${s.key}-${i}`} data-step={s.key}>
          {t(`network.plan.${s.key}`, s.params)}
        </li>
      ))}
    </ol>
  );
}
