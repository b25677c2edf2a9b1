import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now (the OS picks it), for a child that must be told its port
 * and cannot report its own; so runs never collide on a fixed one.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
