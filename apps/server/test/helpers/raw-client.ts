import WebSocket from 'ws';

const WAIT_MS = 5000;

/**
 * A Socket.IO client made by hand over the `ws` package: it sends Engine.IO / Socket.IO frames
 * exactly as given, so tests can send what no well-behaved client library would.
 * Frames: "40" connects to "/", `42["event",{…}]` is an event, `421[…]` one with ack id 1.
 */
export class RawClient {
  readonly messages: string[] = [];
  private readonly waiters = new Set<() => void>();
  private closedFlag = false;
  readonly closed: Promise<void>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      this.messages.push(isBinary ? `<binary ${String(data)}>` : String(data));
      this.wakeAll();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', () => {
        this.closedFlag = true;
        this.wakeAll();
        resolve();
      });
    });
    ws.on('error', () => {
      // A refused or cut connection shows as `closed`; the tests assert on that.
    });
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  /** Opens the Engine.IO websocket and waits for its open packet ("0{…}"). */
  static async open(port: number, headers: Record<string, string> = {}): Promise<RawClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, { headers });
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
      ws.once('error', reject);
    });
    await client.next((message) => message.startsWith('0{'));
    return client;
  }

  /** Opens and connects to the main namespace; resolves once the server accepted ("40{…sid…}"). */
  static async connect(port: number, auth?: unknown): Promise<RawClient> {
    const client = await RawClient.open(port);
    client.send(auth === undefined ? '40' : `40${JSON.stringify(auth)}`);
    await client.next((message) => message.startsWith('40{'));
    return client;
  }

  send(frame: string | Buffer): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** Resolves with the first message (past or future) matching, or null if the connection closed first. */
  next(matches: (message: string) => boolean): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.find(matches);
        if (found !== undefined) {
          resolve(found);
          return true;
        }
        if (this.closedFlag) {
          resolve(null);
          return true;
        }
        return false;
      };
      if (check()) return;
      const wake = () => {
        if (!check()) return;
        this.waiters.delete(wake);
        clearTimeout(timer);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no matching message within ${WAIT_MS} ms; got ${JSON.stringify(this.messages)}`));
      }, WAIT_MS);
      this.waiters.add(wake);
    });
  }

  /** The ack with `id` ("43<id>[…]"), parsed; null if the connection closed first. */
  async ack(id: number): Promise<unknown> {
    const prefix = `43${id}[`;
    const frame = await this.next((message) => message.startsWith(prefix));
    if (frame === null) return null;
    return (JSON.parse(frame.slice(prefix.length - 1)) as unknown[])[0];
  }

  /** Stops reading from the socket, as a paused or stalled reader: what the server sends piles up. */
  pauseReading(): void {
    this.ws.pause();
  }

  close(): void {
    this.ws.close();
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
