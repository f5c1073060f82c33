import { FeaturePlaceholder } from '../../components/FeaturePlaceholder';

/** The devices page. Its feature arrives with a later issue; until then: what it is for, and an empty state. */
export function DevicesPage() {
  return <FeaturePlaceholder page="devices" />;
}
