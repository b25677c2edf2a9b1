import type { Ack, ClientEventResults, ClientToServerEvents, ServerToClientEvents } from '@tally/events';
import { io, type Socket } from 'socket.io-client';
import type { BenchClient, BenchClientOptions } from './bench-client.js';
import { ValueLog } from './value-log.js';

type TallySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A Tally member as the protocol describes it: joins the board with `presence: 'summary'`, as the
 * web app does (a member count and the first names at most once a second, not a frame per
 * arrival), then increments one counter with a fresh opId each time. The ack carries the version
 * the increment produced; merged `counter:updated` broadcasts carry the latest version, so a
 * receipt of any version ≥ the increment's means the client holds a value that includes it.
 */
export class TallyClient implements BenchClient {
  readonly log = new ValueLog();
  connected = false;
  disconnects = 0;
  private readonly socket: TallySocket;
  private sequence = 0;

  constructor(
    url: string,
    private readonly boardId: string,
    private readonly counterId: string,
    private readonly options: BenchClientOptions,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      timeout: options.connectTimeoutMs,
      auth: { clientId: options.clientId, name: options.clientId.slice(0, 32) },
    });
    this.socket.on('counter:updated', ({ updates }) => {
      for (const update of updates) {
        if (update.counterId === this.counterId) this.log.deliver(update.version);
      }
    });
    this.socket.on('disconnect', () => {
      if (this.connected) this.disconnects += 1;
      this.connected = false;
    });
  }

  async connect(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
      this.socket.connect();
    });
    // emitWithAck after timeout() loses the ack's type in socket.io-client's typings: restate it.
    const joined: Ack<ClientEventResults['board:join']> = await this.socket
      .timeout(this.options.connectTimeoutMs)
      .emitWithAck('board:join', { boardId: this.boardId, presence: 'summary' });
    if (!joined.ok) throw new Error(`board:join refused: ${joined.error.code} ${joined.error.message}`);
    const counter = joined.board.counters.find((candidate) => candidate.id === this.counterId);
    if (!counter) throw new Error(`counter ${this.counterId} is not on board ${this.boardId}`);
    this.log.start(counter.version);
    this.connected = true;
  }

  async increment(): Promise<number> {
    this.sequence += 1;
    const result: Ack<ClientEventResults['counter:increment']> = await this.socket
      .timeout(this.options.ackTimeoutMs)
      .emitWithAck('counter:increment', {
        counterId: this.counterId,
        by: 1,
        opId: `${this.options.clientId}-${this.sequence}`,
      });
    if (!result.ok) throw new Error(`counter:increment refused: ${result.error.code}`);
    return result.version;
  }

  close(): void {
    this.connected = false;
    this.socket.disconnect();
  }
}
