import { FeaturePlaceholder } from '../../components/FeaturePlaceholder';

/** The setup page. Its feature arrives with a later issue; until then: what it is for, and an empty state. */
export function SetupPage() {
  return <FeaturePlaceholder page="setup" />;
}
