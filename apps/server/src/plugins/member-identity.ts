import { randomInt } from 'node:crypto';
import { handshakeAuthSchema } from '@tally/events';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createMemberTokens, type MemberTokens } from '../members/member-tokens.js';

declare module 'fastify' {
  interface FastifyInstance {
    memberTokens: MemberTokens;
  }
}

/**
 * Who a socket is (protocol v1.1): the handshake's `auth` is checked in a Socket.IO middleware, and
 * its clientId is honoured only with the memberToken `hello` gave it, so that nobody can chat, point
 * or be recorded under another member's clientId. A clientId without its token is not refused: the
 * socket becomes a new member, and `hello` says which. The secret is MEMBER_SECRET, or the store's
 * own (made once), so that every node and every restart agrees.
 */
const memberIdentityPlugin: FastifyPluginAsync = async (fastify) => {
  const tokens = createMemberTokens(fastify.config.memberSecret ?? (await fastify.store.serverSecret()));
  fastify.decorate('memberTokens', tokens);

  fastify.io.use((socket, next) => {
    // `pid` and `offset` are Socket.IO's own, sent by a client that asks to recover its session.
    const { pid: _pid, offset: _offset, ...auth } = socket.handshake.auth;
    const parsed = handshakeAuthSchema.safeParse(auth);
    if (!parsed.success) {
      next(new Error('invalid_auth'));
      return;
    }
    const { clientId, memberToken, name } = parsed.data;
    const proven =
      clientId !== undefined && memberToken !== undefined && tokens.verify(clientId, memberToken);
    // A recovered socket arrives with its old socket.data, rooms and presence: its identity was
    // settled when it first came, and stays (Socket.IO's private session id proved the session).
    socket.data.clientId = socket.data.clientId ?? (proven ? clientId : tokens.newClientId());
    socket.data.name = name ?? socket.data.name ?? `Guest ${randomInt(1000, 10000)}`;
    next();
  });
};

export default fp(memberIdentityPlugin, {
  name: 'member-identity',
  dependencies: ['config', 'store', 'socket'],
});
