import { createHash } from 'node:crypto';
import { decode, encode } from '@msgpack/msgpack';
import {
  type Counter,
  SNAPSHOT_FORMAT_VERSION,
  SNAPSHOT_MAGIC,
  SNAPSHOT_MAX_BYTES,
  type SnapshotBody,
  snapshotBodySchema,
  TallyError,
} from '@tally/events';

const MAGIC = Buffer.from(SNAPSHOT_MAGIC, 'ascii');
const HEADER_BYTES = MAGIC.length + 1;
const CHECKSUM_BYTES = 32;
/** Generous for 200 counters of 64-char names, and small enough that a hostile body costs little to refuse. */
const DECODE_LIMITS = {
  maxStrLength: 1024,
  maxBinLength: 0,
  maxArrayLength: 1000,
  maxMapLength: 16,
  maxExtLength: 0,
};

/**
 * The binary board snapshot (protocol v1.1), written with MessagePack rather than by hand:
 * magic "TALLYSNAP" · format version byte · MessagePack body · SHA-256 of everything before.
 */
export function encodeSnapshotFile(
  boardName: string,
  counters: readonly Counter[],
  exportedAt: number,
): Buffer {
  const body: SnapshotBody = {
    name: boardName,
    exportedAt,
    counters: counters.map(({ name, value, min, max, step, goal }) => ({
      name,
      value,
      min,
      max,
      step,
      goal,
    })),
  };
  const content = Buffer.concat([MAGIC, Buffer.from([SNAPSHOT_FORMAT_VERSION]), encode(body)]);
  return Buffer.concat([content, sha256(content)]);
}

/**
 * Reads a snapshot, or refuses it with `invalid_payload` saying why: too big, truncated, not a
 * snapshot, damaged or edited (checksum), of a format this server does not read, or a body that is
 * not a valid board (checked whole by the contract's zod schema before anything is created).
 */
export function decodeSnapshotFile(data: Uint8Array | ArrayBuffer): SnapshotBody {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  if (bytes.byteLength > SNAPSHOT_MAX_BYTES) refuse(`a snapshot is at most ${SNAPSHOT_MAX_BYTES} bytes`);
  if (bytes.byteLength < HEADER_BYTES + 1 + CHECKSUM_BYTES || !startsWithMagic(bytes)) {
    refuse('not a Tally board snapshot');
  }
  const content = bytes.subarray(0, bytes.byteLength - CHECKSUM_BYTES);
  if (!sha256(content).equals(bytes.subarray(content.byteLength))) {
    refuse('the snapshot is damaged or was altered (checksum mismatch)');
  }
  const version = bytes[MAGIC.length];
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    refuse(`snapshot format version ${version} is not one this server reads (${SNAPSHOT_FORMAT_VERSION})`);
  }
  let body: unknown;
  try {
    body = decode(content.subarray(HEADER_BYTES), DECODE_LIMITS);
  } catch {
    refuse('the snapshot body is not valid MessagePack');
  }
  const parsed = snapshotBodySchema.safeParse(body);
  if (!parsed.success)
    refuse(`the snapshot does not describe a valid board: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function startsWithMagic(bytes: Uint8Array): boolean {
  return MAGIC.equals(bytes.subarray(0, MAGIC.length));
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function refuse(message: string): never {
  throw new TallyError('invalid_payload', message);
}
