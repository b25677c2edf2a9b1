import WebSocket from 'ws';
import type { BenchClient, BenchClientOptions } from './bench-client.js';
import { ValueLog } from './value-log.js';

interface PendingIncrement {
  resolve(version: number): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  timedOut: boolean;
}

/**
 * A client of the raw floor. Frames are plain text: the server sends the count (greeting and
 * every broadcast) as digits and answers the sender's `i` with `a<count>`. Acks come back in send
 * order on one connection, so a FIFO of pending increments is enough to match them.
 */
export class WsCounterClient implements BenchClient {
  readonly log = new ValueLog();
  connected = false;
  disconnects = 0;
  private socket: WebSocket | undefined;
  private readonly pending: PendingIncrement[] = [];

  constructor(
    private readonly url: string,
    private readonly options: BenchClientOptions,
  ) {}

  connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(this.url, { handshakeTimeout: this.options.connectTimeoutMs });
      this.socket = socket;
      socket.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('a')) {
          this.settleOldest(Number(text.slice(1)));
        } else if (this.connected) {
          this.log.deliver(Number(text));
        } else {
          this.log.start(Number(text));
          this.connected = true;
          resolve();
        }
      });
      socket.once('error', (error) => reject(error));
      socket.on('close', () => {
        if (this.connected) this.disconnects += 1;
        this.connected = false;
        for (const increment of this.pending.splice(0)) {
          clearTimeout(increment.timer);
          if (!increment.timedOut) increment.reject(new Error('connection closed'));
        }
      });
    });
  }

  increment(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      // A timed-out increment keeps its place in the FIFO: its late ack must not settle the next one.
      const timer = setTimeout(() => {
        increment.timedOut = true;
        reject(new Error('ack timeout'));
      }, this.options.ackTimeoutMs);
      const increment: PendingIncrement = { resolve, reject, timer, timedOut: false };
      this.pending.push(increment);
      this.socket?.send('i');
    });
  }

  close(): void {
    this.connected = false;
    this.socket?.terminate();
  }

  private settleOldest(version: number): void {
    const increment = this.pending.shift();
    if (!increment || increment.timedOut) return;
    clearTimeout(increment.timer);
    increment.resolve(version);
  }
}
