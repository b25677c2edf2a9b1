import { type ReactNode, useSyncExternalStore } from 'react';
import { dismissToast, getToasts, subscribeToToasts } from './toast-store';

/**
 * Error messages as `alert`s (announced at once), stacked at the bottom of the screen, above
 * `children` (the page's own offer, such as Undo).
 */
export function Toasts(props: { children?: ReactNode }) {
  const toasts = useSyncExternalStore(subscribeToToasts, getToasts);
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          className={`toast toast-${toast.tone}`}
        >
          <span>{toast.message}</span>
          <button
            type="button"
            className="toast-close"
            aria-label="Dismiss"
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
      {props.children}
    </div>
  );
}
