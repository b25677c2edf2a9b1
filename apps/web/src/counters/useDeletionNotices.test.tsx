import type { LiveEvent } from '@tally/client';
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dismissToast, getToasts } from '../toasts/toast-store';
import { useDeletionNotices } from './useDeletionNotices';

function deleted(seq: number, counterName: string, actorId: string): LiveEvent {
  return {
    type: 'counter',
    seq,
    at: seq,
    kind: 'counter_deleted',
    counterId: `c-${seq}`,
    counterName,
    actor: { clientId: actorId, name: actorId },
  };
}

describe('useDeletionNotices', () => {
  afterEach(() => {
    cleanup();
    for (const toast of getToasts()) dismissToast(toast.id);
  });

  it('announces, politely, a counter someone else deleted after the page showed', () => {
    const before = [deleted(1, 'Old', 'ana')];
    const { rerender } = renderHook(({ live }) => useDeletionNotices(live, 'me'), {
      initialProps: { live: before },
    });
    expect(getToasts()).toEqual([]);
    rerender({ live: [...before, deleted(2, 'Door', 'ana'), deleted(3, 'Mine', 'me')] });
    expect(getToasts().map(({ message, tone }) => ({ message, tone }))).toEqual([
      { message: '“Door” was deleted', tone: 'info' },
    ]);
    rerender({ live: [...before, deleted(2, 'Door', 'ana'), deleted(3, 'Mine', 'me')] });
    expect(getToasts()).toHaveLength(1);
  });
});
