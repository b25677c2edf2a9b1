import { useState } from 'react';
import { keyFromFragment, rememberBoardKeys } from './board-keys';

/**
 * Takes the access key of a share link (`#key=…`) and keeps it for this board before the first
 * join, so the join uses it and later visits without the fragment still work.
 */
export function useLinkKey(boardId: string): void {
  // A state initialiser runs once, during the first render, before useBoard opens the board.
  useState(() => {
    const key = keyFromFragment(window.location.hash);
    if (key !== null) rememberBoardKeys(boardId, { accessKey: key });
    return key;
  });
}
