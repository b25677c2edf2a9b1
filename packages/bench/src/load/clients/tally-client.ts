import { createTallyClient, type TallyClient as LibraryTallyClient, memoryStorage } from '@tally/client';
import type { BenchClient, BenchClientOptions } from './bench-client.js';
import { ValueLog } from './value-log.js';

/**
 * A Tally member as the web app is one, through `@tally/client`: joins the board with
 * `presence: 'summary'` (a member count and the first names at most once a second, not a frame
 * per arrival), then increments one counter with a fresh opId each time. The ack carries the
 * version the increment produced; merged `counter:updated` broadcasts carry the latest version,
 * so a receipt of any version ≥ the increment's means the client holds a value that includes it.
 *
 * Thousands of these share a load-generator thread, so each keeps only what the measurement
 * needs: the join is a direct `board:join`, not `openBoard` (whose board state, kept current on
 * every update, cost the generator a sixth more CPU per delivery when measured), the increments
 * are direct requests (no offline queue and its optimistic values), nothing is stored beyond
 * memory, no latency probes, no tab coordination. What the library still does for each message
 * is validate it: only payloads that pass the contract are logged.
 */
export class TallyClient implements BenchClient {
  readonly log = new ValueLog();
  connected = false;
  disconnects = 0;
  private readonly client: LibraryTallyClient;
  private sequence = 0;

  constructor(
    url: string,
    private readonly boardId: string,
    private readonly counterId: string,
    private readonly options: BenchClientOptions,
  ) {
    this.client = createTallyClient({
      url,
      name: options.clientId.slice(0, 32),
      storage: memoryStorage(),
      tabs: false,
      measureLatency: false,
      socketOptions: {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        autoConnect: false,
        timeout: options.connectTimeoutMs,
      },
    });
    this.client.on('counter:updated', ({ updates }) => {
      for (const update of updates) {
        if (update.counterId === this.counterId) this.log.deliver(update.version);
      }
    });
    this.client.socket.on('disconnect', () => {
      if (this.connected) this.disconnects += 1;
      this.connected = false;
    });
  }

  async connect(): Promise<void> {
    const socket = this.client.socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
      socket.connect();
    });
    const joined = await this.client.request(
      'board:join',
      { boardId: this.boardId, presence: 'summary' },
      { timeoutMs: this.options.connectTimeoutMs },
    );
    if (!joined.ok) throw new Error(`board:join refused: ${joined.error.code} ${joined.error.message}`);
    const counter = joined.board.counters.find((candidate) => candidate.id === this.counterId);
    if (!counter) throw new Error(`counter ${this.counterId} is not on board ${this.boardId}`);
    this.log.start(counter.version);
    this.connected = true;
  }

  async increment(): Promise<number> {
    this.sequence += 1;
    const result = await this.client.request(
      'counter:increment',
      { counterId: this.counterId, by: 1, opId: `${this.options.clientId}-${this.sequence}` },
      { timeoutMs: this.options.ackTimeoutMs },
    );
    if (!result.ok)
      throw new Error(`counter:increment refused: ${result.error.code} ${result.error.message}`);
    return result.version;
  }

  close(): void {
    this.connected = false;
    this.client.close();
  }
}
