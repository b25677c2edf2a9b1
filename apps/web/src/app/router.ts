import { useSyncExternalStore } from 'react';

/** The app's pages; `/` is the landing page, and the lobby is a board like any other, at `/b/lobby`. */
export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string }
  | { page: 'display'; boardId: string }
  | { page: 'boards' }
  | { page: 'missing' };

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  if (pathname === '/boards' || pathname === '/boards/') return { page: 'boards' };
  const board = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (board?.[1] !== undefined) return { page: 'board', boardId: board[1] };
  const display = /^\/b\/([A-Za-z0-9_-]{1,64})\/display\/?$/.exec(pathname);
  if (display?.[1] !== undefined) return { page: 'display', boardId: display[1] };
  return { page: 'missing' };
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  // A link pasted over the address of the same page changes only the fragment.
  window.addEventListener('hashchange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
    window.removeEventListener('hashchange', listener);
  };
}

/** Client-side navigation through the History API (no router dependency for three routes). */
export function navigate(to: string): void {
  if (to === `${location.pathname}${location.hash}`) return;
  history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** The current path, re-rendering on navigation and on the back/forward buttons. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/** The current fragment (`#key=…` of a share link), re-rendering when a navigation or the user changes it. */
export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}
