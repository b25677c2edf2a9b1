import type { OpRecord } from '../store.js';

/**
 * Reads an op's idempotency record (its layout: RedisKeys.op). A record written before v1.1 has
 * no actor, time or undo fields: its actor reads as unknown (null, so only a board's owner may
 * undo it) and its time is worked out from what is left of its TTL.
 */
export function parseOpRecord(
  opId: string,
  record: string,
  ttlLeftMs: number,
  now: number,
  retentionMs: number,
): OpRecord {
  const [kind, counterId, by, boardId, , , clientId, appliedAt, , undoneBy] = record.split('|');
  return {
    opId,
    kind: kind as OpRecord['kind'],
    counterId: counterId as string,
    boardId: boardId as string,
    by: kind === 'reset' ? null : Number(by),
    actorClientId: clientId || null,
    appliedAt: appliedAt ? Number(appliedAt) : now - Math.max(retentionMs - ttlLeftMs, 0),
    undoneBy: undoneBy || null,
  };
}
