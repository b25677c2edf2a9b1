import type { Visibility } from '@tally/events';
import { SNAPSHOT_MAX_BYTES } from '@tally/events/constants';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTallyClient } from '../app/TallyClientProvider';
import { describeFailure } from '../sync/error-messages';
import { openNewBoard } from './open-new-board';

export interface ImportRequest {
  file: File;
  name: string;
  visibility: Visibility;
}

/** Snapshot uploads can take longer than an ordinary ack on a slow link. */
const IMPORT_TIMEOUT_MS = 30_000;

/**
 * Creates a board from a snapshot file (`board:import`, anyone may), keeps its keys as board
 * creation does (this browser owns it) and opens it. The error, worded for the user, is the
 * mutation's error message.
 */
export function useImportBoard() {
  const client = useTallyClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, name, visibility }: ImportRequest) => {
      if (file.size === 0) throw new Error('This file is not a Tally board snapshot (it is empty).');
      if (file.size > SNAPSHOT_MAX_BYTES) {
        throw new Error('This file is not a Tally board snapshot (a snapshot is at most 1 MB).');
      }
      const snapshot = await file.arrayBuffer();
      const answer = await client.request(
        'board:import',
        { name, snapshot, visibility },
        { timeoutMs: IMPORT_TIMEOUT_MS },
      );
      if (!answer.ok) throw new Error(describeFailure('import', answer.error));
      return answer;
    },
    onSuccess: (created) => openNewBoard(queryClient, created),
  });
}
