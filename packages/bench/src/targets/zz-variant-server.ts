// TEMPORARY experiment (not committed): the tutorial server with Tally-sized frames and/or connection state recovery.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(
  httpServer,
  process.env.CSR === '1'
    ? { connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false } }
    : {},
);
let count = 0;
const big = process.env.BIG === '1';
const actors = Array.from({ length: 5 }, (_, i) => ({
  clientId: `bmwr3rv5z-fanout-${100 + i}`,
  name: `bmwr3rv5z-fanout-${100 + i}`,
  delta: 1,
}));
io.on('connection', (socket) => {
  socket.emit('count', count);
  socket.on('increment', (ack?: (value: number) => void) => {
    count++;
    if (big)
      io.emit('count', count, {
        boardId: 'lobby',
        updates: [{ counterId: 'aaaaaaaaaaaaaaaaaaaaa', value: count, version: count, actors }],
      });
    else io.emit('count', count);
    ack?.(count);
  });
});
httpServer.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
