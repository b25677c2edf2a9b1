import type { BenchClient, BenchClientOptions, ClientTarget } from './bench-client.js';
import { SocketIoCounterClient } from './socket-io-counter-client.js';
import { TallyClient } from './tally-client.js';
import { WsCounterClient } from './ws-counter-client.js';

export function createClient(target: ClientTarget, options: BenchClientOptions): BenchClient {
  switch (target.protocol) {
    case 'tally': {
      const counterId = target.counterIds[options.clientNumber % target.counterIds.length];
      if (counterId === undefined) throw new Error('a Tally target needs at least one counter');
      return new TallyClient(target.url, target.boardId, counterId, options);
    }
    case 'socket.io-counter':
      return new SocketIoCounterClient(target.url, options);
    case 'ws-counter':
      return new WsCounterClient(target.url, options);
  }
}
