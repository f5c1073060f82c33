import { useTranslation } from 'react-i18next';
import type { Text } from '../model/text';

/** Renders a {@link Text}: translated when it has a key, else as the core wrote it. */
export function Tx({ text }: { text: Text }) {
  const { t } = useTranslation();
  // model/text.ts builds the keys at run time; a unit test checks every one exists in both locales.
  const tr = t as unknown as (key: string, values?: Record<string, string>) => string;
  return <>{'key' in text ? tr(text.key, text.values ?? {}) : text.raw}</>;
}
