import { useState } from 'react';
import './update-prompt.css';

/**
 * The offer to switch to a newly deployed version: its worker waits until the user says so, and
 * the page then reloads into it. "Not now" keeps the running version for this page; the offer
 * comes back at the next load, for as long as the new version waits.
 */
export function UpdatePrompt(props: { onReload: () => Promise<void>; onDismiss: () => void }) {
  const [reloading, setReloading] = useState(false);
  return (
    <aside className="update-prompt" aria-label="Update">
      <p role="status">A new version of Tally is ready.</p>
      <div className="update-prompt-actions">
        <button
          type="button"
          className="button button-primary button-small"
          disabled={reloading}
          onClick={() => {
            setReloading(true);
            void props.onReload();
          }}
        >
          {reloading ? 'Reloading…' : 'Reload to update'}
        </button>
        <button type="button" className="button button-small" disabled={reloading} onClick={props.onDismiss}>
          Not now
        </button>
      </div>
    </aside>
  );
}
