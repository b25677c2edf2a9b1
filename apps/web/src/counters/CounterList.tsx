import { optimisticValue, type PendingOp, type Pointer } from '@tally/client';
import type { Counter } from '@tally/events';
import { lazy, Suspense, useCallback } from 'react';
import { CounterCard, type CounterCardProps } from './CounterCard';
import { resetValue } from './counter-limits';
import type { CounterActions } from './useCounterActions';

/**
 * The sparklines (and the history code behind them) load right after the first paint, while
 * their histories are fetched anyway: the cards come first, and the initial download stays small.
 */
const Sparkline = lazy(() => import('./Sparkline'));

const NO_OPS: readonly PendingOp[] = [];
const NO_POINTERS: readonly Pointer[] = [];

/** The board's counters as cards, each showing its server value plus its own pending ops. */
export function CounterList(props: {
  boardId: string;
  counters: readonly Counter[];
  pendingByCounter: Map<string, PendingOp[]>;
  pointersByCounter: Map<string, Pointer[]>;
  actions: CounterActions;
  onPoint(counterId: string | null): void;
  access: CounterCardProps['access'];
}) {
  const { boardId, counters, pendingByCounter, pointersByCounter, actions, onPoint, access } = props;
  const renderSparkline = useCallback(
    (counter: Counter) => (
      // The slot keeps the sparkline's place, so the card does not grow when it arrives.
      <Suspense fallback={<div className="sparkline-slot" />}>
        <Sparkline
          boardId={boardId}
          counterId={counter.id}
          counterName={counter.name}
          value={counter.value}
        />
      </Suspense>
    ),
    [boardId],
  );
  if (counters.length === 0) {
    return (
      <p className="empty">
        {access === 'view' ? 'No counters yet.' : 'No counters yet. Add the first one above.'}
      </p>
    );
  }
  return (
    // A board with one counter (the lobby's classic counter) shows it large.
    <div className={counters.length === 1 ? 'counter-grid counter-grid-single' : 'counter-grid'}>
      {counters.map((counter) => {
        const ops = pendingByCounter.get(counter.id) ?? NO_OPS;
        return (
          <CounterCard
            key={counter.id}
            counter={counter}
            value={optimisticValue(counter.value, ops, resetValue(counter))}
            pending={ops.length}
            pointers={pointersByCounter.get(counter.id) ?? NO_POINTERS}
            actions={actions}
            onPoint={onPoint}
            renderSparkline={renderSparkline}
            access={access}
          />
        );
      })}
    </div>
  );
}
