import { createPendingQueue, type PendingQueue } from '../ops/pending-queue.js';
import { memoryStorage } from '../storage/memory-storage.js';
import { createTabChannel } from '../tabs/tab-channel.js';

/** A pending-op queue of one tab alone, in memory: for tests of what builds on the queue. */
export function memoryQueue(): PendingQueue {
  return createPendingQueue(memoryStorage(), createTabChannel(null));
}
