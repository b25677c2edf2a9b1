import { useCallback } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';

/**
 * Sends a chat message (the client adds the ack's message to the board); a refusal is said in a
 * toast. Resolves whether the message went out.
 */
export function useSendChat(boardId: string): (text: string) => Promise<boolean> {
  const client = useTallyClient();
  return useCallback(
    async (text: string) => {
      const answer = await client.sendChat(boardId, text);
      if (!answer.ok) showToast(describeFailure('chat', answer.error));
      return answer.ok;
    },
    [client, boardId],
  );
}
