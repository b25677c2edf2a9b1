import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { queryClient } from './app/query-client';
import { connection } from './socket/connection';
import { SocketProvider } from './socket/SocketProvider';
import { socket } from './socket/socket';
import './styles/app.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SocketProvider socket={socket} connection={connection}>
        <App />
      </SocketProvider>
    </QueryClientProvider>
  </StrictMode>,
);
