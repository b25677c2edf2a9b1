import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { queryClient } from './app/query-client';
import { TallyClientProvider } from './app/TallyClientProvider';
import { tallyClient } from './app/tally-client';
import './styles/app.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TallyClientProvider client={tallyClient}>
        <App />
      </TallyClientProvider>
    </QueryClientProvider>
  </StrictMode>,
);
