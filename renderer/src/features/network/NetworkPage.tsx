import { FeaturePlaceholder } from '../../components/FeaturePlaceholder';

/** The network page. Its feature arrives with a later issue; until then: what it is for, and an empty state. */
export function NetworkPage() {
  return <FeaturePlaceholder page="network" />;
}
