import type { Visibility } from '@tally/events';
import { useEffect, useState } from 'react';
import { showToast } from '../toasts/toast-store';
import { shareLink } from './board-keys';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure context) or no permission: the old way still works in most browsers.
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.position = 'fixed';
    field.style.opacity = '0';
    document.body.append(field);
    field.select();
    const copied = document.execCommand('copy');
    field.remove();
    return copied;
  }
}

/** Copies the board's link; a private board's link carries its access key in the fragment. */
export function ShareButton(props: { boardId: string; visibility: Visibility }) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2_500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function share(): Promise<void> {
    const link = shareLink(window.location.origin, props.boardId, props.visibility);
    if (await copyText(link)) setCopied(true);
    else showToast(`Copy this link to share the board: ${link}`, 'info');
  }

  return (
    <span className="share">
      <button type="button" className="button" onClick={() => void share()}>
        Share
      </button>
      <span role="status" className="share-status">
        {copied ? 'Link copied' : ''}
      </span>
    </span>
  );
}
