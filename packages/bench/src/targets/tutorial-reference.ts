import { startReferenceServer } from './reference-server.js';
import type { TargetDefinition } from './target.js';

export const tutorialReference: TargetDefinition = {
  name: 'tutorial',
  description: 'the Socket.IO tutorial counter: `let count` in memory, `io.emit` per increment',
  start: (options) =>
    startReferenceServer(
      'tutorial',
      './tutorial-reference-server.ts',
      (port) => ({ protocol: 'socket.io-counter', url: `http://127.0.0.1:${port}` }),
      options,
    ),
};
