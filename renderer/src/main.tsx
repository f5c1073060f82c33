import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { startApp } from './app/bootstrap';
import { syncDocument } from './app/document-sync';
import { createI18n } from './i18n';
import { AppStoreProvider } from './stores/context';
import './styles/theme.css';
import './styles/app.css';

const { store } = startApp(window);
const i18n = createI18n(store.getState().settings.language);
syncDocument(store, i18n, window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AppStoreProvider store={store}>
        <App />
      </AppStoreProvider>
    </I18nextProvider>
  </StrictMode>,
);
