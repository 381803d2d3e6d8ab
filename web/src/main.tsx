import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans-khmer/khmer-400.css';
import '@fontsource/noto-sans-khmer/khmer-600.css';
import '@fontsource/noto-sans-khmer/khmer-700.css';
import './styles.css';
import './components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient, createRouter } from './app';
import { addNamespace, initI18n } from './i18n';
import { WEB_MODULES } from './modules';

initI18n();
for (const module of WEB_MODULES) if (module.messages) addNamespace(module.id, module.messages);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App queryClient={createQueryClient()} router={createRouter()} />
  </StrictMode>,
);
