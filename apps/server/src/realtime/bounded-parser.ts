import { SNAPSHOT_MAX_BYTES } from '@tally/events';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';

/** Every text frame of the protocol is tiny; only a binary attachment (a snapshot) may be big. */
export const MAX_TEXT_FRAME_CHARS = 32 * 1024;
/**
 * Engine.IO's message limit: a whole snapshot plus room for its framing, base64-encoded, because
 * long-polling carries binary as base64 and checks the whole request body against this limit.
 */
export const MAX_MESSAGE_BYTES = Math.ceil(SNAPSHOT_MAX_BYTES / 3) * 4 + 4096;
/** One binary attachment at most: `board:import`'s snapshot is the only one the protocol has. */
const MAX_ATTACHMENTS = 1;
/** How long a binary event may wait for its attachment before it is dropped with its connection. */
export const ATTACHMENT_TIMEOUT_MS = 10_000;

/** socket.io-parser's Decoder, typed with the two members it keeps private that this one watches. */
interface DecoderInternals {
  reconstructor: unknown;
  emitReserved(event: 'decoded', packet: { type: number; nsp: string }): void;
}

/**
 * Socket.IO's own parser with the limits the protocol needs now that the message limit is raised to
 * 1 MB for snapshots (v1.1): a text frame stays within 32 KB (past it the sender is disconnected,
 * as before), a packet may carry one attachment, and a binary packet whose attachment never comes
 * (`451-[…]` and then nothing) no longer holds its JSON and the connection forever: after
 * ATTACHMENT_TIMEOUT_MS it is dropped and the connection closed.
 */
class BoundedDecoder extends Decoder {
  private attachmentTimer: NodeJS.Timeout | undefined;

  constructor() {
    super({ maxAttachments: MAX_ATTACHMENTS });
  }

  override add(frame: unknown): void {
    if (typeof frame === 'string' && frame.length > MAX_TEXT_FRAME_CHARS) {
      // Thrown here, Socket.IO's client closes the connection, as for any frame it cannot parse.
      throw new Error(`text frame over ${MAX_TEXT_FRAME_CHARS} chars`);
    }
    super.add(frame);
    this.watchAttachments();
  }

  override destroy(): void {
    clearTimeout(this.attachmentTimer);
    this.attachmentTimer = undefined;
    super.destroy();
  }

  private watchAttachments(): void {
    const waiting = (this as unknown as DecoderInternals).reconstructor != null;
    if (waiting && this.attachmentTimer === undefined) {
      this.attachmentTimer = setTimeout(() => this.giveUpOnAttachments(), ATTACHMENT_TIMEOUT_MS);
      this.attachmentTimer.unref();
    } else if (!waiting && this.attachmentTimer !== undefined) {
      clearTimeout(this.attachmentTimer);
      this.attachmentTimer = undefined;
    }
  }

  /**
   * Frees the waiting packet, then hands Socket.IO's client a packet no connected client may send
   * (CONNECT_ERROR comes only from servers): its answer to that is to close the connection.
   */
  private giveUpOnAttachments(): void {
    this.destroy();
    (this as unknown as DecoderInternals).emitReserved('decoded', {
      type: PacketType.CONNECT_ERROR,
      nsp: '/',
    });
  }
}

/** The `parser` option of the Socket.IO server. */
export const boundedParser = { Encoder, Decoder: BoundedDecoder };
