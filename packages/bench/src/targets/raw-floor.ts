import { startReferenceServer } from './reference-server.js';
import type { TargetDefinition } from './target.js';

export const rawFloor: TargetDefinition = {
  name: 'floor',
  description: 'a bare `ws` server writing one pre-serialised frame per increment to every socket',
  start: (options) =>
    startReferenceServer(
      'floor',
      './raw-floor-server.ts',
      (port) => ({ protocol: 'ws-counter', url: `ws://127.0.0.1:${port}` }),
      options,
    ),
};
