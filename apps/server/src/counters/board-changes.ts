import type { CounterActor, CounterUpdate, Member } from '@tally/events';
import type { CounterOp, OpOutcome } from '../store/store.js';

/**
 * What one board's next `counter:updated` will carry, gathered over one or more commits: the
 * newest value+version of each counter that changed, and per counter who changed it by how much.
 */
export class BoardChanges {
  private readonly latest = new Map<string, CounterUpdate>();
  /** Per counter, per member: the net delta of their increments since the last broadcast. */
  private readonly actors = new Map<string, Map<string, CounterActor>>();

  /**
   * Adds an applied op (not replayed, not refused). A reset names no actor: its delta is not an
   * increment. An older version never replaces a newer one, so versions only rise.
   */
  record(outcome: Extract<OpOutcome, { ok: true }>, op: CounterOp, actor: Member | undefined): void {
    const known = this.latest.get(outcome.counterId);
    if (!known || outcome.version > known.version) {
      this.latest.set(outcome.counterId, {
        counterId: outcome.counterId,
        value: outcome.value,
        version: outcome.version,
      });
    }
    if (op.kind === 'increment' && actor) this.addActorDelta(outcome.counterId, actor, op.by);
  }

  /** The `updates` of the board's `counter:updated`, one entry per changed counter. */
  toUpdates(): CounterUpdate[] {
    return [...this.latest.values()].map((update) => {
      const actors = this.actors.get(update.counterId);
      return actors ? { ...update, actors: [...actors.values()] } : update;
    });
  }

  private addActorDelta(counterId: string, actor: Member, delta: number): void {
    let perMember = this.actors.get(counterId);
    if (!perMember) {
      perMember = new Map();
      this.actors.set(counterId, perMember);
    }
    const known = perMember.get(actor.clientId);
    if (known) known.delta += delta;
    else perMember.set(actor.clientId, { clientId: actor.clientId, name: actor.name, delta });
  }
}
