/**
 * @tally/client: the framework-free Tally client. One object owns the socket, the identity, the
 * boards it shows and their state, and the profile's pending ops; React (or anything else) reads
 * it through `ReadableStore`s. See docs/client.md.
 */

export { type LiveEvent, MAX_LIVE_EVENTS, type PresenceEvent } from './activity/live-activity.js';
export { isFinalLoadError, MAX_VERSION_LEAP } from './boards/board-registry.js';
export type { BoardState } from './boards/board-state.js';
export type { BoardView } from './boards/board-view.js';
export { type ConnectionStatus, describeStatus } from './connection/connection-status.js';
export {
  type CommandResult,
  createTallyClient,
  type TallyClient,
  type TallyClientOptions,
} from './create-client.js';
export { ApiError, fetchJson } from './http/fetch-json.js';
export { type Identity, normalizeName } from './identity/identity.js';
export type { OpRejectedListener } from './ops/op-sync.js';
export { groupOpsByCounter, optimisticValue, type PendingOp } from './ops/pending-ops.js';
export type { UndoTarget } from './ops/undo-click.js';
export {
  type BoardPresence,
  type Pointer,
  type PresenceRoster,
  pointersByCounter,
  presenceRoster,
} from './presence/board-presence.js';
export type { ProtocolViolation } from './protocol/protocol-violation.js';
export { ACK_TIMEOUT_MS, type AckOf, type RequestOptions } from './protocol/request.js';
export { createStore, type ReadableStore, type WritableStore } from './readable-store.js';
export type { TallySocket } from './socket.js';
export type { ClientStorage } from './storage/client-storage.js';
export { indexedDbStorage } from './storage/indexeddb-storage.js';
export { memoryStorage } from './storage/memory-storage.js';
