import { z } from 'zod';
import { SNAPSHOT_MAX_BYTES } from './constants.js';
import {
  counterLimitSchema,
  counterStepSchema,
  counterValueSchema,
  MAX_COUNTERS_PER_BOARD,
  nameSchema,
} from './primitives.js';

/*
 * v1.1 binary board snapshots (`board:export`, `board:import`, `GET /api/boards/:id/snapshot`,
 * `POST /api/boards/import`). A file is
 *
 *     magic "TALLYSNAP" (9 bytes) · format version (1 byte) · body · SHA-256 of all before (32 bytes)
 *
 * (the constants are in constants.ts) and the body is MessagePack of `snapshotBodySchema`. The
 * checksum finds damage and edits; it is not a signature (the format is public, and other tools
 * may write snapshots).
 */

/** One counter in a snapshot: what a new board needs to recreate it, nothing about who or when. */
export const snapshotCounterSchema = z
  .strictObject({
    name: nameSchema,
    value: counterValueSchema,
    min: counterLimitSchema,
    max: counterLimitSchema,
    step: counterStepSchema,
    goal: counterLimitSchema,
  })
  .refine((c) => c.min === null || c.max === null || c.min <= c.max, 'min must not be greater than max')
  .refine(
    (c) => (c.min === null || c.value >= c.min) && (c.max === null || c.value <= c.max),
    'value outside [min, max]',
  );
export type SnapshotCounter = z.infer<typeof snapshotCounterSchema>;

/** The decoded body of a snapshot, checked whole before anything is created. */
export const snapshotBodySchema = z.strictObject({
  /** The exported board's name (an import names its board itself). */
  name: nameSchema,
  /** ms since epoch */
  exportedAt: z.number().int().nonnegative(),
  counters: z.array(snapshotCounterSchema).max(MAX_COUNTERS_PER_BOARD),
});
export type SnapshotBody = z.infer<typeof snapshotBodySchema>;

/**
 * A snapshot as it travels over Socket.IO: a binary attachment, a Buffer in Node and an
 * ArrayBuffer in a browser (any Uint8Array view is accepted too). Its content is checked by the
 * server's decoder; here only its type and size.
 */
export const binarySnapshotSchema = z.custom<Uint8Array | ArrayBuffer>(
  (value) =>
    (value instanceof Uint8Array || value instanceof ArrayBuffer) &&
    value.byteLength > 0 &&
    value.byteLength <= SNAPSHOT_MAX_BYTES,
  { message: `must be binary (a snapshot file) of at most ${SNAPSHOT_MAX_BYTES} bytes` },
);
