import { AddressBuckets } from './address-buckets.js';
import { BOARD_CREATION_WINDOW_MS, type BoardCreationLimit } from './board-creation-limit.js';

export function createMemoryBoardCreationLimit(perHour: number): BoardCreationLimit {
  const buckets = new AddressBuckets({
    capacity: perHour,
    refillPerSec: (perHour * 1000) / BOARD_CREATION_WINDOW_MS,
  });
  return {
    take: async (address) => buckets.take(address),
    sweep: () => buckets.sweep(),
  };
}
