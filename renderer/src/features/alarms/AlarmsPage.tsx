import { FeaturePlaceholder } from '../../components/FeaturePlaceholder';

/** The alarms page. Its feature arrives with a later issue; until then: what it is for, and an empty state. */
export function AlarmsPage() {
  return <FeaturePlaceholder page="alarms" />;
}
