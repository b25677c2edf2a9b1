import type { CounterActor, CounterUpdate, Member } from '@tally/events';
import type { CounterOp, OpOutcome } from '../store/store.js';

/**
 * What one board's next `counter:updated` will carry, gathered over one or more commits: the
 * newest value+version of each counter that changed, and per counter who changed it by how much.
 */
export class BoardChanges {
  private readonly latest = new Map<string, CounterUpdate>();
  /** Per counter, per member and kind of change: the net delta since the last broadcast. */
  private readonly actors = new Map<string, Map<string, CounterActor>>();

  /**
   * Adds an applied op (or a replay of one), naming its member among the update's actors (HTTP
   * callers are not members: their changes carry no actor; a replay changed nothing this time). An
   * older version never replaces a newer one, so versions only rise.
   */
  record(outcome: Extract<OpOutcome, { ok: true }>, op: CounterOp): void {
    const known = this.latest.get(outcome.counterId);
    if (!known || outcome.version > known.version) {
      this.latest.set(outcome.counterId, {
        counterId: outcome.counterId,
        value: outcome.value,
        version: outcome.version,
      });
    }
    if (op.actor.clientId !== null && !outcome.replayed) {
      this.addActorDelta(
        outcome.counterId,
        { ...op.actor, clientId: op.actor.clientId },
        op.kind,
        outcome.delta,
      );
    }
  }

  /** The `updates` of the board's `counter:updated`, one entry per changed counter. */
  toUpdates(): CounterUpdate[] {
    return [...this.latest.values()].map((update) => {
      const actors = this.actors.get(update.counterId);
      return actors ? { ...update, actors: [...actors.values()] } : update;
    });
  }

  private addActorDelta(counterId: string, actor: Member, kind: CounterOp['kind'], delta: number): void {
    let perMember = this.actors.get(counterId);
    if (!perMember) {
      perMember = new Map();
      this.actors.set(counterId, perMember);
    }
    const key = `${kind}|${actor.clientId}`;
    const known = perMember.get(key);
    if (known) known.delta += delta;
    // `kind` only for resets and undos: an actor without one incremented, as in v1.
    else
      perMember.set(key, {
        clientId: actor.clientId,
        name: actor.name,
        delta,
        ...(kind !== 'increment' && { kind }),
      });
  }
}
