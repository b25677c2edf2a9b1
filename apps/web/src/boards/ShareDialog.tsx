import type { Visibility } from '@tally/events';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ownerLink, shareLink, viewerLink } from './share-links';
import './share-dialog.css';

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
 * The Share dialog (modal; Escape or Close shuts it): the board's link for everyone; for the
 * owner the view-only link, which opens display mode for a screen in the room, and "Owner
 * access", the owner key's link, a secret shown only on demand, to make another device of the
 * owner an owner too.
 */
export default function ShareDialog(props: {
  boardId: string;
  visibility: Visibility;
  viewerKey?: string | undefined;
  owner?: boolean;
  onClose(): void;
}) {
  const { boardId, visibility, viewerKey, owner = false, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [copied, setCopied] = useState('');
  const [ownerShown, setOwnerShown] = useState(false);
  const origin = window.location.origin;
  const boardLink = shareLink(origin, boardId, visibility);
  const viewOnlyLink = owner && viewerKey !== undefined ? viewerLink(origin, boardId, viewerKey) : null;
  const ownerAccessLink = owner ? ownerLink(origin, boardId) : null;

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    if (copied === '') return;
    const timer = setTimeout(() => setCopied(''), 2_500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy(link: string, done: string): Promise<void> {
    setCopied((await copyText(link)) ? done : 'Could not copy: select the link and copy it');
  }

  return (
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-body">
        <h2 id={titleId} className="dialog-title">
          Share this board
        </h2>

        <ShareSection title="Board link">
          <p className="hint">
            {visibility === 'private'
              ? 'Anyone with this link can open this private board and count.'
              : 'Anyone with this link can open the board and count.'}
          </p>
          {boardLink === null ? (
            <p className="hint">This browser does not have the member link of this private board.</p>
          ) : (
            <LinkRow link={boardLink}>
              <button type="button" className="button" onClick={() => void copy(boardLink, 'Link copied')}>
                Copy link
              </button>
            </LinkRow>
          )}
        </ShareSection>

        {viewOnlyLink !== null && (
          <ShareSection title="View-only link">
            <p className="hint">
              Display mode for a screen in the room: large, live values. It changes nothing and is not listed
              as a member.
            </p>
            <LinkRow link={viewOnlyLink}>
              <button
                type="button"
                className="button"
                onClick={() => void copy(viewOnlyLink, 'View-only link copied')}
              >
                Copy view-only link
              </button>
              <a className="button" href={viewOnlyLink} target="_blank" rel="noreferrer">
                Open display
              </a>
            </LinkRow>
          </ShareSection>
        )}

        {ownerAccessLink !== null && (
          <ShareSection title="Owner access" secret>
            <p className="share-warning">
              Anyone with this link can rename, reset and delete counters. Open it on your other device; do
              not share it.
            </p>
            {ownerShown ? (
              <LinkRow link={ownerAccessLink}>
                <button
                  type="button"
                  className="button"
                  onClick={() => void copy(ownerAccessLink, 'Owner link copied')}
                >
                  Copy owner link
                </button>
              </LinkRow>
            ) : (
              <div className="share-actions">
                <button type="button" className="button" onClick={() => setOwnerShown(true)}>
                  Show owner link
                </button>
              </div>
            )}
          </ShareSection>
        )}

        <div className="share-footer">
          <p role="status" className="share-status">
            {copied}
          </p>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}

function ShareSection(props: { title: string; secret?: boolean; children: ReactNode }) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className={props.secret === true ? 'share-section share-secret' : 'share-section'}
    >
      <h3 id={headingId} className="share-heading">
        {props.title}
      </h3>
      {props.children}
    </section>
  );
}

/** A link written out (selectable, to copy by hand or read aloud) and what can be done with it. */
function LinkRow(props: { link: string; children: ReactNode }) {
  return (
    <>
      <code className="share-link">{props.link}</code>
      <div className="share-actions">{props.children}</div>
    </>
  );
}
