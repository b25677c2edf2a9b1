import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, memo, useId, useState } from 'react';
import { ApiError, toProtocolError } from '../app/http';
import { boardQueryKeys } from '../boards/board-queries';
import { type BoardView, withCounterAdded } from '../boards/board-view';
import { request } from '../socket/request';
import { useSocket } from '../socket/SocketProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import {
  type CounterSettings,
  DEFAULT_SETTINGS,
  draftOf,
  parseSettings,
  type SettingsErrors,
  settingsChanges,
} from './counter-settings';
import { SettingsFields } from './SettingsFields';

const BLANK_DRAFT = draftOf(DEFAULT_SETTINGS);

/**
 * Adds a counter to the board (any member may); it appears once the server made it. "Limits &
 * goal" opens the optional settings (v1.1): minimum, maximum, step and goal; the counter then
 * starts at its reset value (0, or the nearer bound).
 */
export const AddCounterForm = memo(function AddCounterForm(props: { boardId: string }) {
  const { boardId } = props;
  const socket = useSocket();
  const queryClient = useQueryClient();
  const optionsId = useId();
  const [name, setName] = useState('');
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [draft, setDraft] = useState(BLANK_DRAFT);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const create = useMutation({
    mutationFn: async (fields: { name: string } & Partial<CounterSettings>) => {
      const answer = await request(socket, 'counter:create', { boardId, ...fields });
      if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
      return answer.counter;
    },
    onSuccess: (counter) => {
      queryClient.setQueryData<BoardView>(boardQueryKeys.detail(boardId), (view) =>
        view === undefined ? view : withCounterAdded(view, counter),
      );
      setName('');
      setDraft(BLANK_DRAFT);
      setOptionsOpen(false);
    },
    onError: (error) => showToast(describeFailure('create', toProtocolError(error))),
  });

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '' || create.isPending) return;
    const parsed = parseSettings(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setOptionsOpen(true);
      return;
    }
    setErrors({});
    create.mutate({ name: trimmed, ...settingsChanges(DEFAULT_SETTINGS, parsed.settings) });
  }

  return (
    <form className="add-counter" aria-label="Add a counter" onSubmit={handleSubmit}>
      <div className="add-counter-row">
        <input
          className="input"
          aria-label="New counter name"
          placeholder="New counter name"
          value={name}
          maxLength={64}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="button"
          className="button"
          aria-expanded={optionsOpen}
          aria-controls={optionsId}
          onClick={() => setOptionsOpen((open) => !open)}
        >
          Limits &amp; goal
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={name.trim() === '' || create.isPending}
        >
          Add counter
        </button>
      </div>
      <div id={optionsId} className="add-counter-options" hidden={!optionsOpen}>
        <SettingsFields draft={draft} errors={errors} onChange={setDraft} />
        <p className="hint">Leave a field blank for none. The counter starts at 0, or at its nearer limit.</p>
      </div>
    </form>
  );
});
