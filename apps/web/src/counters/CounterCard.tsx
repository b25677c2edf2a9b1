import type { Pointer } from '@tally/client';
import type { Counter } from '@tally/events';
import {
  type CSSProperties,
  type FocusEvent,
  type FormEvent,
  type KeyboardEvent,
  lazy,
  memo,
  type PointerEvent,
  type ReactNode,
  Suspense,
  useId,
  useState,
} from 'react';
import { PresenceMarker } from '../presence/PresenceMarker';
import { blockedReason, describeLimits } from './counter-limits';
import { displayValue } from './format-value';
import { GoalProgress } from './GoalProgress';
import type { CounterActions } from './useCounterActions';

// Only owners change settings, and rarely: not part of the first screen.
const CounterSettingsForm = lazy(() => import('./CounterSettingsForm'));

export interface CounterCardProps {
  /** The counter as the server last confirmed it. */
  counter: Counter;
  /** What to show: the server value with the pending ops applied. */
  value: number;
  /** Ops of this counter the server has not confirmed yet. */
  pending: number;
  /** Other members pointing at this counter. */
  pointers: readonly Pointer[];
  actions: CounterActions;
  /** Tells the others which counter this user points at (null: none). */
  onPoint(counterId: string | null): void;
  /** Draws the counter's history; a stable function, so the memoised card re-renders only on change. */
  renderSparkline?(counter: Counter): ReactNode;
  /** What this user may do: `view` (a viewer) shows the counter live with no control at all. */
  access?: 'owner' | 'member' | 'view';
}

/**
 * One counter. Its accessible contract is relied on by screen readers and the e2e tests: a
 * `group` named after the counter, "Increment"/"Decrement" buttons that move it by its step (off
 * when the step would leave its bounds), the value in an `<output>`, "n pending" while clicks
 * wait for the server, its goal as a `progressbar` named "Goal", and + / − on the focused card.
 */
export const CounterCard = memo(function CounterCard(props: CounterCardProps) {
  const { counter, value, pending, pointers, actions, onPoint, renderSparkline, access = 'member' } = props;
  const nameId = useId();
  const [editing, setEditing] = useState<'name' | 'settings' | null>(null);
  const renaming = editing === 'name';
  const canChange = access !== 'view';
  const { step } = counter;
  const upBlocked = blockedReason(value, step, counter);
  const downBlocked = blockedReason(value, -step, counter);
  const limits = describeLimits(counter);

  function move(delta: number): void {
    if (blockedReason(value, delta, counter) === undefined) actions.increment(counter.id, delta);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.target instanceof HTMLInputElement || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      move(step);
    } else if (event.key === '-' || event.key === '−') {
      event.preventDefault();
      move(-step);
    }
  }

  function handleBlur(event: FocusEvent<HTMLElement>): void {
    if (!event.currentTarget.contains(event.relatedTarget)) onPoint(null);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would add a legend box; role=group with a label is the contract.
    <section
      role="group"
      aria-labelledby={nameId}
      className="card counter-card"
      {...(canChange
        ? {
            // The card itself takes focus so that + and − work on it (the a11y contract's keyboard use).
            tabIndex: 0,
            onKeyDown: handleKeyDown,
            onFocus: () => onPoint(counter.id),
            onBlur: handleBlur,
            onPointerEnter: () => onPoint(counter.id),
            onPointerLeave: (event: PointerEvent<HTMLElement>) => {
              if (!event.currentTarget.contains(document.activeElement)) onPoint(null);
            },
          }
        : {})}
    >
      <div className="counter-head">
        {renaming ? (
          <RenameForm
            initialName={counter.name}
            onSave={(name) => {
              setEditing(null);
              if (name !== counter.name) actions.rename(counter.id, name);
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <h2 id={nameId} className="counter-name">
            {counter.name}
          </h2>
        )}
        <div className="markers">
          {pointers.map((pointer) => (
            <PresenceMarker key={pointer.clientId} clientId={pointer.clientId} name={pointer.name} />
          ))}
        </div>
      </div>
      {renaming && (
        // Keeps the group named while the heading is replaced by the rename field.
        <span id={nameId} hidden>
          {counter.name}
        </span>
      )}

      <div className="counter-main">
        <div className="counter-body">
          <CounterValue value={value} />
          <span className="pending" aria-live="polite">
            {pending > 0 ? `${pending} pending` : ''}
          </span>
        </div>

        {canChange && (
          <div className="counter-controls">
            <button
              type="button"
              className="button step"
              disabled={downBlocked !== undefined}
              title={downBlocked ?? `Subtract ${step}`}
              onClick={() => move(-step)}
            >
              <span aria-hidden="true">{step === 1 ? '−' : `−${step}`}</span>
              <span className="visually-hidden">Decrement</span>
            </button>
            <button
              type="button"
              className="button step step-primary"
              disabled={upBlocked !== undefined}
              title={upBlocked ?? `Add ${step}`}
              onClick={() => move(step)}
            >
              <span aria-hidden="true">{step === 1 ? '+' : `+${step}`}</span>
              <span className="visually-hidden">Increment</span>
            </button>
          </div>
        )}
      </div>

      {counter.goal !== null && <GoalProgress value={value} goal={counter.goal} />}
      {limits !== '' && <p className="counter-limits">{limits}</p>}

      {renderSparkline?.(counter)}

      {editing === 'settings' && (
        <Suspense fallback={null}>
          <CounterSettingsForm
            counter={counter}
            value={value}
            onSave={(changes) => actions.configure(counter.id, changes)}
            onClose={() => setEditing(null)}
          />
        </Suspense>
      )}

      {canChange && (
        <div className="counter-owner-actions">
          <button
            type="button"
            className="link-button"
            onClick={() => setEditing('name')}
            disabled={renaming}
          >
            Rename
          </button>
          <button type="button" className="link-button" onClick={() => actions.reset(counter.id)}>
            Reset
          </button>
          <button type="button" className="link-button danger" onClick={() => actions.remove(counter.id)}>
            Delete
          </button>
          {access === 'owner' && (
            <button
              type="button"
              className="link-button"
              aria-expanded={editing === 'settings'}
              onClick={() => setEditing(editing === 'settings' ? null : 'settings')}
            >
              Settings
            </button>
          )}
        </div>
      )}
    </section>
  );
});

/**
 * The value in the user's locale, on one line, sized by the CSS to its card from its length. When
 * the card shows the rounded compact form, the exact value is its tooltip and what a screen reader
 * reads.
 */
function CounterValue(props: { value: number }) {
  const { full, shown, compact } = displayValue(props.value);
  const style = { '--value-length': shown.length } as CSSProperties;
  if (!compact) {
    return (
      <output className="counter-value" style={style}>
        {shown}
      </output>
    );
  }
  return (
    <output className="counter-value" style={style} title={full}>
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">{full}</span>
    </output>
  );
}

function RenameForm(props: { initialName: string; onSave(name: string): void; onCancel(): void }) {
  const [name, setName] = useState(props.initialName);
  const trimmed = name.trim();

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    if (trimmed !== '') props.onSave(trimmed);
  }

  return (
    <form className="rename-form" onSubmit={handleSubmit}>
      <input
        className="input"
        aria-label="Counter name"
        value={name}
        maxLength={64}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to rename; the field is what they want next.
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onCancel();
        }}
      />
      <button type="submit" className="button button-small" disabled={trimmed === ''}>
        Save
      </button>
    </form>
  );
}
