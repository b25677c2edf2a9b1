import { Abbreviated } from './Abbreviated';
import { goalProgress } from './counter-limits';
import { displayText } from './format-value';

/** The longest goal line written in full ("1,234,567 of 9,999,999" is 22): past it, compact values keep it on one line beside its bar. */
export const MAX_GOAL_TEXT_LENGTH = 20;

/** A counter's goal as a progress bar: "42 of 250" in the user's locale, and a mark once it is reached. */
export function GoalProgress(props: { value: number; goal: number }) {
  const { fraction, reached } = goalProgress(props.value, props.goal);
  const percent = Math.round(fraction * 100);
  const text = displayText(
    (format) => `${format(props.value)} of ${format(props.goal)}`,
    MAX_GOAL_TEXT_LENGTH,
  );
  return (
    <div className={reached ? 'goal goal-reached' : 'goal'}>
      <div
        className="goal-bar"
        role="progressbar"
        aria-label="Goal"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={reached ? `${text.full}, reached` : text.full}
      >
        <div className="goal-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="goal-text">
        <Abbreviated text={text} />
        {reached && <span className="goal-done"> · reached</span>}
      </span>
    </div>
  );
}
