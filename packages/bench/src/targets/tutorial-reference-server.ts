// The tutorial's counter server, kept as the baseline: one number in memory, one `io.emit` per
// increment. The only addition is the ack with the new count, so the bench can tell which
// broadcast carries an increment.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer);
let count = 0;

io.on('connection', (socket) => {
  socket.emit('count', count);
  socket.on('increment', (ack?: (value: number) => void) => {
    count++;
    io.emit('count', count);
    ack?.(count);
  });
});

httpServer.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
