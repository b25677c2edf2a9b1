import { useEffect, useState } from 'react';
import { useLocationHash } from '../app/router';
import { useTallyClient } from '../app/TallyClientProvider';
import { keyFromFragment, offerLinkKey } from './board-keys';

/**
 * Takes the key of a share link (`#key=…`) for this board: before the first join, so that the
 * join uses it, and again whenever the fragment changes (a link pasted over the page's address,
 * no reload): the board is then joined again with the new key at once. The key is stored once
 * the board accepted it (see board-keys.ts).
 */
export function useLinkKey(boardId: string): void {
  const client = useTallyClient();
  const key = keyFromFragment(useLocationHash());
  // A state initialiser runs during the first render, before useBoard opens the board.
  useState(() => key !== null && offerLinkKey(boardId, key));
  useEffect(() => {
    if (key !== null && offerLinkKey(boardId, key)) client.rejoinBoard(boardId);
  }, [client, boardId, key]);
}
