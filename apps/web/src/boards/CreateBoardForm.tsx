import { fetchJson } from '@tally/client';
import type { CreateBoardBody, CreateBoardResponse } from '@tally/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { showToast } from '../toasts/toast-store';
import { openNewBoard } from './open-new-board';

/** Creates a board over HTTP, keeps its keys in this browser and opens it (as its owner). */
export function CreateBoardForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [isPrivate, setIsPrivate] = useState(false);
  const privateHintId = useId();
  const create = useMutation({
    mutationFn: (body: CreateBoardBody) =>
      fetchJson<CreateBoardResponse>('/api/boards', {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    onSuccess: (created) => openNewBoard(queryClient, created),
    onError: (error) => showToast(`Could not create the board: ${error.message}`),
  });

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed !== '' && !create.isPending) {
      create.mutate({ name: trimmed, visibility: isPrivate ? 'private' : 'public' });
    }
  }

  return (
    <form className="card create-board" onSubmit={handleSubmit}>
      <h2 className="panel-title">New board</h2>
      <div className="create-board-row">
        <input
          className="input"
          aria-label="Board name"
          placeholder="Board name"
          required
          // Spaces alone are no name (the server trims them): the browser says so, as for an empty field.
          pattern=".*\S.*"
          title="Give the board a name"
          value={name}
          maxLength={64}
          onChange={(event) => setName(event.target.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={isPrivate}
            aria-describedby={privateHintId}
            onChange={(event) => setIsPrivate(event.target.checked)}
          />
          Private
        </label>
        {/* Never disabled for an empty name: the required field then says what is missing. */}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Create a board
        </button>
      </div>
      <p id={privateHintId} className="hint">
        Private boards are not listed; only people with the share link can open them.
      </p>
    </form>
  );
}
