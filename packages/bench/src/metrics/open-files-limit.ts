import { readFileSync } from 'node:fs';

/** The soft limit on open files of this process (each client socket is one; so is each server-side one). */
export function openFilesLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  if (!match || match[1] === 'unlimited') return Number.POSITIVE_INFINITY;
  return Number(match[1]);
}
