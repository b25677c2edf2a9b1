import { SNAPSHOT_FILE_EXTENSION, SNAPSHOT_MEDIA_TYPE } from '@tally/events/constants';
import { downloadBlob, safeFileName } from '../app/download';

/** Board snapshot files in the browser (v1.1 `board:export` / `board:import`). */

/** `<board name>.tally`, without the characters file systems refuse. */
export function snapshotFileName(boardName: string): string {
  return `${safeFileName(boardName, 'board')}${SNAPSHOT_FILE_EXTENSION}`;
}

/** The name a board imported from this file gets by default: the file's, without `.tally`, capped at 64. */
export function boardNameFromFile(fileName: string): string {
  const base = fileName.toLowerCase().endsWith(SNAPSHOT_FILE_EXTENSION)
    ? fileName.slice(0, -SNAPSHOT_FILE_EXTENSION.length)
    : fileName;
  return [...base.trim()].slice(0, 64).join('');
}

/** Saves an exported snapshot as a download (an ArrayBuffer in the browser, as Socket.IO hands it over). */
export function downloadSnapshot(snapshot: ArrayBuffer | Uint8Array, boardName: string): void {
  const bytes = snapshot instanceof ArrayBuffer ? snapshot : new Uint8Array(snapshot);
  downloadBlob(new Blob([bytes], { type: SNAPSHOT_MEDIA_TYPE }), snapshotFileName(boardName));
}
