import { FeaturePlaceholder } from '../../components/FeaturePlaceholder';

/** The logs page. Its feature arrives with a later issue; until then: what it is for, and an empty state. */
export function LogsPage() {
  return <FeaturePlaceholder page="logs" />;
}
