import { ConnectionBanner } from '../components/ConnectionBanner';
import { Sidebar } from '../components/Sidebar';
import { SkipLink } from '../components/SkipLink';
import { useApp } from '../stores/context';
import { PAGE_COMPONENTS } from './pages';

const MAIN_ID = 'main';

/** The shell: sidebar navigation, a connection banner when needed, and the current page. */
export function App() {
  const page = useApp((s) => s.page);
  const Page = PAGE_COMPONENTS[page];
  return (
    <div className="shell">
      <SkipLink targetId={MAIN_ID} />
      <Sidebar />
      <div className="content">
        <ConnectionBanner />
        <main id={MAIN_ID} className="main" tabIndex={-1}>
          <Page />
        </main>
      </div>
    </div>
  );
}
