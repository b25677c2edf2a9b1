import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, memo, useState } from 'react';
import { ApiError, toProtocolError } from '../app/http';
import { boardQueryKeys } from '../boards/board-queries';
import { type BoardView, withCounterAdded } from '../boards/board-view';
import { request } from '../socket/request';
import { useSocket } from '../socket/SocketProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';

/** Adds a counter to the board (any member may); it appears once the server made it. */
export const AddCounterForm = memo(function AddCounterForm(props: { boardId: string }) {
  const { boardId } = props;
  const socket = useSocket();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: async (counterName: string) => {
      const answer = await request(socket, 'counter:create', { boardId, name: counterName });
      if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
      return answer.counter;
    },
    onSuccess: (counter) => {
      queryClient.setQueryData<BoardView>(boardQueryKeys.detail(boardId), (view) =>
        view === undefined ? view : withCounterAdded(view, counter),
      );
      setName('');
    },
    onError: (error) => showToast(describeFailure('create', toProtocolError(error))),
  });

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed !== '' && !create.isPending) create.mutate(trimmed);
  }

  return (
    <form className="add-counter" onSubmit={handleSubmit}>
      <input
        className="input"
        aria-label="New counter name"
        placeholder="New counter name"
        value={name}
        maxLength={64}
        onChange={(event) => setName(event.target.value)}
      />
      <button
        type="submit"
        className="button button-primary"
        disabled={name.trim() === '' || create.isPending}
      >
        Add counter
      </button>
    </form>
  );
});
