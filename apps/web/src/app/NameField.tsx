import { normalizeName } from '@tally/client';
import { useEffect, useRef, useState } from 'react';
import { useIdentity } from '../identity/useIdentity';
import { useTallyClient } from './TallyClientProvider';

const COMMIT_AFTER_MS = 800;

/**
 * The user's name, kept by the client (in this profile's storage) and sent in the handshake. A
 * change is committed on Enter, on leaving the field, or after a short pause in typing; the
 * client then reconnects so that everyone sees the new name. The field holds only what the user
 * typed: the name the server gave meanwhile ("Guest 5844") is its placeholder, so typing replaces
 * it instead of mixing in. The stored name arrives a moment after the page starts (storage is
 * read asynchronously), and another tab may change it: either shows unless the user is typing.
 */
export function NameField() {
  const client = useTallyClient();
  const chosen = useIdentity('chosenName');
  const guest = useIdentity('guestName');
  const [draft, setDraft] = useState(chosen);
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    // Read from storage, or another tab renamed us: show it unless the user is typing.
    if (!editing.current) setDraft(chosen);
  }, [chosen]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  function clearPending(): void {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }

  function commit(value: string): void {
    clearPending();
    const next = normalizeName(value);
    if (next !== '') client.setName(next);
  }

  return (
    <label className="name-field">
      <span className="name-label">Your name</span>
      <input
        className="input input-compact name-input"
        aria-label="Your name"
        value={draft}
        maxLength={32}
        autoComplete="nickname"
        placeholder={guest === '' ? 'Pick a name' : guest}
        onFocus={() => {
          editing.current = true;
        }}
        onChange={(event) => {
          const value = event.target.value;
          setDraft(value);
          clearPending();
          timer.current = setTimeout(() => commit(value), COMMIT_AFTER_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(draft);
        }}
        onBlur={() => {
          editing.current = false;
          commit(draft);
          if (normalizeName(draft) === '') setDraft(client.identity.get().chosenName);
        }}
      />
    </label>
  );
}
