// The floor: what one Node process can do at all. A bare `ws` server that serialises each new
// count once and writes that same frame to every socket, then acks the sender with `a<count>`.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT) });
let count = 0;

server.on('connection', (socket) => {
  socket.send(String(count));
  socket.on('message', () => {
    count++;
    const frame = Buffer.from(String(count));
    for (const client of server.clients) client.send(frame, { binary: false });
    socket.send(`a${count}`);
  });
});

process.on('SIGTERM', () => process.exit(0));
