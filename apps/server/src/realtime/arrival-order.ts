/**
 * The last step queued for each socket that has one in flight. An entry lives only while its
 * chain runs (the last step to settle removes it), so an idle socket holds none; a WeakMap, not
 * socket.data, which Socket.IO keeps and serialises for connection state recovery.
 */
const chains = new WeakMap<object, Promise<void>>();

/**
 * Runs `step` once every step queued before it for the same socket has settled, so that a
 * socket's steps run in the order its events arrived even though each awaits (a `board:leave`
 * sent right after a `board:join` must find the board joined, not overtake the join while it is
 * still authorizing). A step that fails fails only its own event: the next one still runs.
 */
export function inArrivalOrder<T>(socket: object, step: () => Promise<T>): Promise<T> {
  const previous = chains.get(socket);
  const result = previous ? previous.then(step) : step();
  const release = () => {
    if (chains.get(socket) === tail) chains.delete(socket);
  };
  const tail = result.then(release, release);
  chains.set(socket, tail);
  return result;
}
