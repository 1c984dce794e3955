/** The workbench's entry: i18n, TanStack Query, the router under /app, the layout and its pages. */
import './i18n.ts';
import './style.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';

// The pages live under /app (the server answers any /app/… path with this page): "/" shows the overview.
if (!window.location.pathname.startsWith('/app')) window.history.replaceState(null, '', '/app/');

const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <BrowserRouter basename="/app">
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
