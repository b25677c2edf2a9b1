import type { ProtocolError } from '@tally/events';
import { ERROR_CODES } from '@tally/events/errors';
import { isPendingOp, type PendingOp } from '../ops/pending-ops.js';
import { randomId } from '../ops/random-id.js';

/** What one tab tells the other tabs of its profile. */
export type TabNotice =
  /** The shared pending-op queue changed in storage: read it again. */
  | { type: 'queue-changed' }
  /** The stored identity or names changed: read them again. */
  | { type: 'identity-changed' }
  /** The leader's op was applied: the value to show before the op leaves the queue. */
  | { type: 'op-confirmed'; op: PendingOp; value: number; version: number }
  /** The server refused an op for good: the tab that made it (`op.origin`) tells the user. */
  | { type: 'op-rejected'; op: PendingOp; error: ProtocolError };

export interface TabChannel {
  /** This instance's id, random: what `PendingOp.origin` holds for the ops made here. */
  readonly tabId: string;
  /** Tells the other instances of the same name (never this one). */
  post(notice: TabNotice): void;
  subscribe(listener: (notice: TabNotice) => void): () => void;
  close(): void;
}

function isProtocolError(value: unknown): value is ProtocolError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code) && typeof message === 'string';
}

/** Another version of the app may share the channel: what is not a notice this one knows is dropped. */
function readNotice(data: unknown): TabNotice | null {
  if (typeof data !== 'object' || data === null) return null;
  const notice = data as Record<string, unknown>;
  switch (notice.type) {
    case 'queue-changed':
    case 'identity-changed':
      return { type: notice.type };
    case 'op-confirmed':
      return isPendingOp(notice.op) &&
        Number.isSafeInteger(notice.value) &&
        Number.isSafeInteger(notice.version)
        ? (notice as TabNotice)
        : null;
    case 'op-rejected':
      return isPendingOp(notice.op) && isProtocolError(notice.error) ? (notice as TabNotice) : null;
    default:
      return null;
  }
}

/**
 * Notices between the tabs of one browser profile (every instance of the same name in the same
 * origin), over `BroadcastChannel`. With the name `null`, or where there is no BroadcastChannel,
 * notices go nowhere: the instance is alone, which is right for a client that shares its storage
 * with no one (a bot, one of many clients of a bench in one process).
 */
export function createTabChannel(name: string | null = 'tally'): TabChannel {
  const listeners = new Set<(notice: TabNotice) => void>();
  const port = name === null || typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
  let closed = false;

  // In Node an open channel keeps the process alive; notices are no reason to stay.
  (port as { unref?: () => void } | null)?.unref?.();
  port?.addEventListener('message', (event: MessageEvent) => {
    const notice = readNotice(event.data);
    if (notice !== null) for (const listener of [...listeners]) listener(notice);
  });

  return {
    tabId: randomId(),
    post(notice) {
      if (!closed) port?.postMessage(notice);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closed = true;
      listeners.clear();
      port?.close();
    },
  };
}
