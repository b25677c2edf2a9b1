import { io, type Socket } from 'socket.io-client';
import type { BenchClient, BenchClientOptions } from './bench-client.js';
import { ValueLog } from './value-log.js';

/** The tutorial's wire format: `count` (the whole value) to everyone, `increment` from anyone. */
interface CounterServerEvents {
  count: (value: number) => void;
}
interface CounterClientEvents {
  increment: (ack: (value: number) => void) => void;
}

/**
 * A client of the tutorial reference. Every increment adds exactly one, so the value is also
 * the version: the ack's value is the increment's own, and any `count` ≥ it includes it.
 */
export class SocketIoCounterClient implements BenchClient {
  readonly log = new ValueLog();
  connected = false;
  disconnects = 0;
  private readonly socket: Socket<CounterServerEvents, CounterClientEvents>;

  constructor(
    url: string,
    private readonly options: BenchClientOptions,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      timeout: options.connectTimeoutMs,
    });
    this.socket.on('count', (value) => {
      if (this.connected) this.log.deliver(value);
    });
    this.socket.on('disconnect', () => {
      if (this.connected) this.disconnects += 1;
      this.connected = false;
    });
  }

  connect(): Promise<void> {
    // The server greets each socket with the current count: that is the client's starting value.
    return new Promise<void>((resolve, reject) => {
      this.socket.once('count', (value) => {
        this.log.start(value);
        this.connected = true;
        resolve();
      });
      this.socket.once('connect_error', (error) => reject(error));
      this.socket.connect();
    });
  }

  increment(): Promise<number> {
    return this.socket.timeout(this.options.ackTimeoutMs).emitWithAck('increment');
  }

  close(): void {
    this.connected = false;
    this.socket.disconnect();
  }
}
