import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { getName, normalizeName, setName, subscribeToName } from '../socket/identity';
import { reconnectWithNewIdentity } from '../socket/socket';

const COMMIT_AFTER_MS = 800;

/**
 * The user's name, kept in localStorage and sent in the handshake. A change is committed on
 * Enter, on leaving the field, or after a short pause in typing; the socket then reconnects so
 * that everyone sees the new name.
 */
export function NameField() {
  const name = useSyncExternalStore(subscribeToName, getName);
  const [draft, setDraft] = useState(name);
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    // The server named us, or another tab renamed us: show it unless the user is typing.
    if (!editing.current) setDraft(name);
  }, [name]);

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
    if (next === '') return;
    if (setName(next)) reconnectWithNewIdentity();
  }

  return (
    <label className="name-field">
      <span className="name-label">Your name</span>
      <input
        className="input input-compact"
        aria-label="Your name"
        value={draft}
        maxLength={32}
        autoComplete="nickname"
        placeholder="Pick a name"
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
          if (normalizeName(draft) === '') setDraft(getName());
        }}
      />
    </label>
  );
}
