import { type ReactNode, useSyncExternalStore } from 'react';
import { dismissToast, getToasts, subscribeToToasts } from './toast-store';
import './toasts.css';

/**
 * Error messages as `alert`s (announced at once), stacked at an edge of the screen with
 * `children` (the page's own offer, such as Undo) nearest the edge, the newest message next to it
 * (toasts.css places them where they cover no counter's buttons). Each one can be dismissed.
 */
export function Toasts(props: { children?: ReactNode }) {
  const toasts = useSyncExternalStore(subscribeToToasts, getToasts);
  return (
    <div className="toasts">
      {props.children}
      {toasts.toReversed().map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          className={`toast toast-message toast-${toast.tone}`}
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
    </div>
  );
}
