export interface Toast {
  id: number;
  message: string;
  tone: 'error' | 'info';
}

const SHOW_FOR_MS = 6_000;
/** A stack taller than this hides the page; the oldest goes first. */
const MAX_VISIBLE = 3;

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function commit(next: readonly Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

/** Shows a message for a few seconds; usable from plain modules (the client's listeners) as well as components. */
export function showToast(message: string, tone: Toast['tone'] = 'error'): void {
  const toast: Toast = { id: nextId++, message, tone };
  commit([...toasts, toast].slice(-MAX_VISIBLE));
  setTimeout(() => dismissToast(toast.id), SHOW_FOR_MS);
}

export function dismissToast(id: number): void {
  if (toasts.some((toast) => toast.id === id)) commit(toasts.filter((toast) => toast.id !== id));
}

export function getToasts(): readonly Toast[] {
  return toasts;
}

export function subscribeToToasts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
