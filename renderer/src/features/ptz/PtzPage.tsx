import { FeaturePlaceholder } from '../../components/FeaturePlaceholder';

/** The PTZ page. Its feature arrives with a later issue; until then: what it is for, and an empty state. */
export function PtzPage() {
  return <FeaturePlaceholder page="ptz" />;
}
