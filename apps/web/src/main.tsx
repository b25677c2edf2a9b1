import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { TallyClientProvider } from './app/TallyClientProvider';
import { tallyClient } from './app/tally-client';
import { registerServiceWorkerWhenIdle } from './pwa/register-service-worker';
import './styles/app.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <TallyClientProvider client={tallyClient}>
      <App />
    </TallyClientProvider>
  </StrictMode>,
);

// The app opens offline once its worker has precached it (and offers "Reload to update" after a deploy).
registerServiceWorkerWhenIdle();
