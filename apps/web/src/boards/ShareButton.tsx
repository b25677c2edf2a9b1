import type { Visibility } from '@tally/events';
import { useEffect, useState } from 'react';
import { showToast } from '../toasts/toast-store';
import { shareLink, viewerLink } from './board-keys';

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

/**
 * Copies the board's link; a private board's link carries its access key in the fragment. The
 * owner also gets the view-only link (v1.1: the viewer key), for a display on a wall or anyone
 * who should watch without changing anything.
 */
export function ShareButton(props: {
  boardId: string;
  visibility: Visibility;
  viewerKey?: string | undefined;
}) {
  const { boardId, visibility, viewerKey } = props;
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2_500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy(link: string | null, done: string, what: string): Promise<void> {
    if (link === null) {
      showToast('This browser does not have the member link of this private board.', 'info');
      return;
    }
    if (await copyText(link)) setCopied(done);
    else showToast(`Copy this link to share ${what}: ${link}`, 'info');
  }

  return (
    <span className="share">
      <span role="status" className="share-status">
        {copied ?? ''}
      </span>
      <button
        type="button"
        className="button"
        onClick={() =>
          void copy(shareLink(window.location.origin, boardId, visibility), 'Link copied', 'the board')
        }
      >
        Share
      </button>
      {viewerKey !== undefined && (
        <button
          type="button"
          className="button"
          onClick={() =>
            void copy(
              viewerLink(window.location.origin, boardId, viewerKey),
              'View-only link copied',
              'a view-only board',
            )
          }
        >
          View-only link
        </button>
      )}
    </span>
  );
}
