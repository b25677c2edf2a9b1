import { createHash } from 'node:crypto';
import { decode, encode } from '@msgpack/msgpack';
import { SNAPSHOT_FORMAT_VERSION, SNAPSHOT_MAGIC } from '@tally/events';

const MAGIC = Buffer.from(SNAPSHOT_MAGIC, 'ascii');
const CHECKSUM_BYTES = 32;

/**
 * Snapshot files made and read by hand, from the documented format (packages/events
 * snapshot-format.ts): magic · version byte · MessagePack body · SHA-256 of all before. The tests
 * write their own files with it, as another tool would, and craft the damaged ones.
 */

/** Appends the SHA-256 of `content`, as the format's last 32 bytes. */
export function withChecksum(content: Uint8Array): Buffer {
  const checksum = createHash('sha256').update(content).digest();
  return Buffer.concat([content, checksum]);
}

/** A file whose body is `body` encoded as given (valid or not), under `version`. */
export function encodeSnapshotFile(body: unknown, version: number = SNAPSHOT_FORMAT_VERSION): Buffer {
  return withChecksum(Buffer.concat([MAGIC, Buffer.from([version]), encode(body)]));
}

export interface DecodedSnapshotFile {
  magic: string;
  version: number;
  body: unknown;
  checksumOk: boolean;
}

/** Reads a file back (it must be at least long enough for its frame). */
export function decodeSnapshotFile(file: Uint8Array | ArrayBuffer): DecodedSnapshotFile {
  const bytes = Buffer.from(file instanceof ArrayBuffer ? new Uint8Array(file) : file);
  if (bytes.length < MAGIC.length + 1 + CHECKSUM_BYTES) throw new Error(`a ${bytes.length}-byte file`);
  const content = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  const expected = createHash('sha256').update(content).digest();
  return {
    magic: content.subarray(0, MAGIC.length).toString('ascii'),
    version: content[MAGIC.length] ?? -1,
    body: decode(content.subarray(MAGIC.length + 1)),
    checksumOk: expected.equals(bytes.subarray(bytes.length - CHECKSUM_BYTES)),
  };
}

/** A copy of `file` with one bit flipped at byte `index` (negative: from the end). */
export function flipBit(file: Uint8Array, index: number, bit = 0): Buffer {
  const copy = Buffer.from(file);
  const at = index < 0 ? copy.length + index : index;
  copy[at] = (copy[at] ?? 0) ^ (1 << bit);
  return copy;
}

/** A copy of a valid file under another format version, checksummed again: only the version is wrong. */
export function withVersion(file: Uint8Array, version: number): Buffer {
  const content = Buffer.from(file.subarray(0, file.length - CHECKSUM_BYTES));
  content[MAGIC.length] = version;
  return withChecksum(content);
}
