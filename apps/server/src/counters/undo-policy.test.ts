import { UNDO_WINDOW_MS } from '@tally/events';
import { describe, expect, it } from 'vitest';
import type { OpRecord } from '../store/store.js';
import { undoRefusal } from './undo-policy.js';

const at = Date.UTC(2030, 0, 1);
const increment: OpRecord = {
  opId: 'op-00000001',
  kind: 'increment',
  counterId: 'c1',
  boardId: 'b1',
  by: 3,
  actorClientId: 'ana-client',
  appliedAt: at,
  undoneBy: null,
};
const ana = { role: 'member', clientId: 'ana-client' } as const;
const ben = { role: 'member', clientId: 'ben-client' } as const;
const owner = { role: 'owner', clientId: 'olga-client' } as const;
const code = (refusal: ReturnType<typeof undoRefusal>) => refusal?.code ?? null;

describe('undoRefusal', () => {
  it('lets the author and the owner undo within the window, and nobody else', () => {
    expect(undoRefusal(increment, ana, at + 1000)).toBeNull();
    expect(undoRefusal(increment, owner, at + 1000)).toBeNull();
    expect(code(undoRefusal(increment, ben, at + 1000))).toBe('forbidden');
    expect(code(undoRefusal(increment, { role: 'viewer', clientId: 'ana-client' }, at))).toBe('forbidden');
  });

  it('lets only the owner undo an HTTP increment (it has no author)', () => {
    const http = { ...increment, actorClientId: null };
    expect(undoRefusal(http, owner, at)).toBeNull();
    expect(code(undoRefusal(http, ana, at))).toBe('forbidden');
  });

  it('refuses after 10 minutes, unless the increment was undone already (once wins over the window)', () => {
    expect(undoRefusal(increment, ana, at + UNDO_WINDOW_MS)).toBeNull();
    expect(code(undoRefusal(increment, ana, at + UNDO_WINDOW_MS + 1))).toBe('forbidden');
    expect(undoRefusal({ ...increment, undoneBy: 'undo-0001' }, ana, at + 2 * UNDO_WINDOW_MS)).toBeNull();
  });

  it('undoes increments only', () => {
    expect(code(undoRefusal({ ...increment, kind: 'reset', by: null }, owner, at))).toBe('invalid_payload');
    expect(code(undoRefusal({ ...increment, kind: 'undo', by: -3 }, ana, at))).toBe('invalid_payload');
  });
});
