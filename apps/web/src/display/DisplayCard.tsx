import type { Counter } from '@tally/events';
import { useId } from 'react';
import { Abbreviated } from '../counters/Abbreviated';
import { displayValue } from '../counters/format-value';
import { GoalProgress } from '../counters/GoalProgress';

/**
 * One counter on a display: its name, its value as large as its cell allows (display.css), its
 * goal. The accessible contract of a card without its controls: a `group` named after the
 * counter, the value in an `<output>` (the exact value for screen readers when the compact form
 * is shown), the goal as a `progressbar` named "Goal".
 */
export function DisplayCard(props: { counter: Counter }) {
  const { counter } = props;
  const nameId = useId();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would add a legend box; role=group with a label is the contract.
    <section role="group" aria-labelledby={nameId} className="display-card">
      <h2 id={nameId} className="display-name">
        {counter.name}
      </h2>
      <div className="display-value-box">
        <output className="display-value">
          <Abbreviated text={displayValue(counter.value)} />
        </output>
      </div>
      {counter.goal !== null && <GoalProgress value={counter.value} goal={counter.goal} />}
    </section>
  );
}
