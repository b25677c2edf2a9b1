import type { Pointer } from '@tally/client';
import type { Counter } from '@tally/events';
import {
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  lazy,
  memo,
  type PointerEvent,
  type ReactNode,
  Suspense,
  useId,
  useRef,
  useState,
} from 'react';
import { Abbreviated } from './Abbreviated';
import { blockedReason, boundReached, describeLimits } from './counter-limits';
import { displayText, displayValue } from './format-value';
import { GoalProgress } from './GoalProgress';
import type { CounterActions } from './useCounterActions';
import './counter-card.css';

// Only owners change settings, and rarely: not part of the first screen.
const CounterSettingsForm = lazy(() => import('./CounterSettingsForm'));
const PointerMarkers = lazy(() => import('../presence/PointerMarkers'));
const ownerTools = () => import('./owner-tools');
const CounterOptions = lazy(() => ownerTools().then((tools) => ({ default: tools.CounterOptions })));
const RenameForm = lazy(() => ownerTools().then((tools) => ({ default: tools.RenameForm })));

/** The longest limits line written in full; past it its values are compact, so that it keeps to one line on a phone. */
export const MAX_LIMITS_LENGTH = 28;

/** Where keys typed into the card are not + and − clicks: fields, menus, dialogs. */
const KEYS_OF_THEIR_OWN = 'input, textarea, select, [role="menu"], dialog';

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
  /**
   * Tells the others which counter this user points at (null: none). Called again on each
   * interaction with the card (a move, a key, a tap): it stops by itself after a few idle seconds.
   */
  onPoint(counterId: string | null): void;
  /** Draws the counter's history; a stable function, so the memoised card re-renders only on change. */
  renderSparkline?(counter: Counter): ReactNode;
  /**
   * What this user may do: `owner` also has "Counter options" (Rename, Reset, Settings, Delete),
   * `member` counts, `view` (a viewer) shows the counter live with no control at all.
   */
  access?: 'owner' | 'member' | 'view';
}

/**
 * One counter. Its accessible contract is relied on by screen readers and the e2e tests: a
 * `group` named after the counter, "Increment"/"Decrement" buttons that move it by its step (off
 * when the step would leave its bounds), the value in an `<output>`, "n pending" while clicks
 * wait for the server, its goal as a `progressbar` named "Goal", + / − on the focused card, and
 * the owner's actions behind "Counter options". However crowded the board and long its name or
 * value, the card keeps its width: a few pointers' avatars and "+N", names wrapped between words.
 */
export const CounterCard = memo(function CounterCard(props: CounterCardProps) {
  const { counter, value, pending, pointers, actions, onPoint, renderSparkline, access = 'member' } = props;
  const nameId = useId();
  const card = useRef<HTMLElement>(null);
  const [editing, setEditing] = useState<'name' | 'settings' | null>(null);
  const renaming = editing === 'name';
  const canChange = access !== 'view';
  const { step } = counter;
  const upBlocked = blockedReason(value, step, counter);
  const downBlocked = blockedReason(value, -step, counter);
  const bound = displayText((format) => boundReached(value, counter, format), MAX_LIMITS_LENGTH);
  const limits = displayText((format) => describeLimits(counter, format), MAX_LIMITS_LENGTH);
  const pointHere = () => onPoint(counter.id);

  function move(delta: number): void {
    if (blockedReason(value, delta, counter) === undefined) actions.increment(counter.id, delta);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLElement>): void {
    pointHere();
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof Element && event.target.closest(KEYS_OF_THEIR_OWN)) return;
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

  function finishRename(): void {
    setEditing(null);
    card.current?.focus();
  }

  function remove(): void {
    // The card goes at once: focus goes on to a neighbour rather than being lost with it.
    const neighbour = card.current?.nextElementSibling ?? card.current?.previousElementSibling;
    actions.remove(counter.id);
    if (neighbour instanceof HTMLElement) neighbour.focus();
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would add a legend box; role=group with a label is the contract.
    <section
      ref={card}
      role="group"
      aria-labelledby={nameId}
      className="card counter-card"
      {...(canChange
        ? {
            // The card itself takes focus so that + and − work on it (the a11y contract's keyboard use).
            tabIndex: 0,
            onKeyDown: handleKeyDown,
            onFocus: pointHere,
            onBlur: handleBlur,
            onPointerEnter: pointHere,
            onPointerMove: pointHere,
            onPointerDown: pointHere,
            onPointerLeave: (event: PointerEvent<HTMLElement>) => {
              if (!event.currentTarget.contains(document.activeElement)) onPoint(null);
            },
          }
        : {})}
    >
      {canChange && (
        // Said to assistive technology by the buttons' aria-keyshortcuts; shown while the card has keyboard focus.
        <span className="key-hint" aria-hidden="true">
          Keys + and −
        </span>
      )}
      <div className="counter-head">
        {/* First, so that the name flows around them: only its first line is shortened. */}
        <div className="counter-head-tools">
          {pointers.length > 0 && (
            <Suspense fallback={null}>
              <PointerMarkers pointers={pointers} />
            </Suspense>
          )}
          {access === 'owner' && (
            <Suspense fallback={null}>
              <CounterOptions
                counter={counter}
                value={value}
                onRename={() => setEditing('name')}
                onReset={() => actions.reset(counter.id)}
                onSettings={() => setEditing('settings')}
                onDelete={remove}
              />
            </Suspense>
          )}
        </div>
        {renaming ? (
          <Suspense fallback={null}>
            <RenameForm
              initialName={counter.name}
              onSave={(name) => {
                finishRename();
                if (name !== counter.name) actions.rename(counter.id, name);
              }}
              onCancel={finishRename}
            />
          </Suspense>
        ) : (
          <CounterName id={nameId} name={counter.name} />
        )}
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
              title={downBlocked ?? `Subtract ${step} (key −)`}
              aria-keyshortcuts="-"
              onClick={() => move(-step)}
            >
              <span aria-hidden="true">{step === 1 ? '−' : `−${step}`}</span>
              <span className="visually-hidden">Decrement</span>
            </button>
            <button
              type="button"
              className="button step step-primary"
              disabled={upBlocked !== undefined}
              title={upBlocked ?? `Add ${step} (key +)`}
              aria-keyshortcuts="Plus"
              onClick={() => move(step)}
            >
              <span aria-hidden="true">{step === 1 ? '+' : `+${step}`}</span>
              <span className="visually-hidden">Increment</span>
            </button>
          </div>
        )}
      </div>

      {counter.goal !== null && <GoalProgress value={value} goal={counter.goal} />}
      {limits.full !== '' && (
        <p className="counter-limits">
          <Abbreviated text={limits} />
        </p>
      )}
      {/* Always in the page, so that reaching a bound is announced when it happens. */}
      <p className="counter-bound" role="status">
        {bound.full !== '' && <Abbreviated text={bound} />}
      </p>

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
    </section>
  );
});

/**
 * The counter's name as the card's heading. It wraps between words only: each word keeps to
 * one line, and one too long for the card ends in "…" (the heading's text and tooltip keep the
 * whole name, so screen readers and a hover still get it).
 */
function CounterName(props: { id: string; name: string }) {
  return (
    <h2 id={props.id} className="counter-name" title={props.name}>
      {props.name.split(/(\s+)/).map((part, index) =>
        index % 2 === 1 ? (
          part
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the words of one name, in order; a rename makes new ones.
          <span key={index} className="counter-name-word">
            {part}
          </span>
        ),
      )}
    </h2>
  );
}

/**
 * The value in the user's locale, on one line, sized by the CSS to its card from its length. When
 * the card shows the rounded compact form, the exact value is its tooltip and what a screen reader
 * reads.
 */
function CounterValue(props: { value: number }) {
  const text = displayValue(props.value);
  return (
    <output className="counter-value" style={{ '--value-length': text.shown.length } as CSSProperties}>
      <Abbreviated text={text} />
    </output>
  );
}
