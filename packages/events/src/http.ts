import { z } from 'zod';
import { errorCodes } from './errors.js';
import { activityEntrySchema, boardSnapshotSchema } from './models.js';
import {
  idSchema,
  incrementBySchema,
  memberNameSchema,
  nameSchema,
  opIdSchema,
  visibilitySchema,
} from './primitives.js';

/** Body of every HTTP error: the same `{ code, message }` as a failed ack. */
export const httpErrorBodySchema = z.object({
  error: z.object({ code: z.enum(errorCodes as [string, ...string[]]), message: z.string() }),
});
export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  /** Which node answered, when several run behind one address (additive: absent on a single node). */
  node: z.string().optional(),
});

export const boardListItemSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** How many counters the board has. */
  counters: z.number().int().nonnegative(),
  /** Distinct members online on the board. */
  online: z.number().int().nonnegative(),
  /**
   * When the board's newest activity entry began (ms since the epoch), or when the board was made
   * if it keeps none. Added after v1.1, additively.
   */
  lastActivityAt: z.number().int().nonnegative(),
});
export type BoardListItem = z.infer<typeof boardListItemSchema>;
export const boardListResponseSchema = z.array(boardListItemSchema);

/** The most boards one `GET /api/boards` answer holds (the list pages since issue 14, additively). */
export const BOARD_LIST_PAGE_MAX = 100;

/**
 * A page of `GET /api/boards` ends at a board: its `lastActivityAt` and id, written
 * `<lastActivityAt>.<id>` as the next page's `cursor` (the `Link: <…>; rel="next"` header carries
 * it). Clients pass it back as they got it; the server reads it here.
 */
export const boardListCursorSchema = z
  .string()
  .regex(/^[0-9]{1,15}\.[A-Za-z0-9_-]{1,64}$/, 'must be the cursor of a rel="next" link')
  .transform((cursor) => {
    const dot = cursor.indexOf('.');
    return { lastActivityAt: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) };
  });
/** Where a page of the public boards ends: the boards after it are less recently active (ties: smaller id). */
export type BoardListPosition = z.output<typeof boardListCursorSchema>;

/** The `cursor` of the page after the board at `position`. */
export function boardListCursor(position: BoardListPosition): string {
  return `${position.lastActivityAt}.${position.id}`;
}

/** `GET /api/boards?limit=…&cursor=…`: the most recently active public boards first, a page at a time. */
export const boardListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(BOARD_LIST_PAGE_MAX).default(BOARD_LIST_PAGE_MAX),
  cursor: boardListCursorSchema.optional(),
});

export const createBoardBodySchema = z.strictObject({
  name: nameSchema,
  visibility: z._default(visibilitySchema, 'public'),
});
export type CreateBoardBody = z.input<typeof createBoardBodySchema>;

export const createBoardResponseSchema = z.object({
  board: boardSnapshotSchema,
  ownerKey: z.string(),
  /** Only for private boards. */
  accessKey: z.string().optional(),
  /** v1.1: opens every read of the board (socket and HTTP) and no write. */
  viewerKey: z.string(),
});
export type CreateBoardResponse = z.infer<typeof createBoardResponseSchema>;

export const boardParamsSchema = z.strictObject({ id: idSchema });
export const counterParamsSchema = z.strictObject({ id: idSchema });

/** The longest history window: 7 days (widened from 1,440 minutes, additively). */
export const HISTORY_MAX_MINUTES = 7 * 24 * 60;

export const historyQuerySchema = z.strictObject({
  minutes: z.coerce.number().int().min(1).max(HISTORY_MAX_MINUTES).default(60),
});
export const historyResponseSchema = z.object({
  points: z.array(z.object({ t: z.number().int(), value: z.number().int() })),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

export const incrementBodySchema = z.strictObject({ by: z.optional(incrementBySchema) });
export const incrementResponseSchema = z.object({ value: z.number().int(), version: z.number().int() });
export type IncrementResponse = z.infer<typeof incrementResponseSchema>;

export const idempotencyKeySchema = opIdSchema;

/** v1.1: activity pages. A cursor is the `nextCursor` of the page before (decimal digits, opaque). */
export const activityCursorSchema = z
  .string()
  .regex(/^[0-9]{1,18}$/, 'must be a nextCursor from a previous page');
export const activityQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: activityCursorSchema.optional(),
});
export const activityResponseSchema = z.object({
  /** Newest first. */
  entries: z.array(activityEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: activityCursorSchema.nullable(),
});
export type ActivityResponse = z.infer<typeof activityResponseSchema>;

/** v1.1: `POST /api/boards/import?name=…&visibility=…`, the body a snapshot file. */
export const importBoardQuerySchema = z.strictObject({
  name: nameSchema,
  visibility: z._default(visibilitySchema, 'public'),
});

/** v1.1: the header row of `GET /api/boards/:id/activity.csv`. */
export const ACTIVITY_CSV_HEADER = 'at,counter,kind,by,value,actor';

/** v1.1: `x-actor-name`, percent-encoded UTF-8 decoded first, then 1–32 chars after trimming. */
export const actorNameHeaderSchema = z
  .string()
  .transform((raw, ctx) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be percent-encoded UTF-8' });
      return z.NEVER;
    }
  })
  .pipe(memberNameSchema);
