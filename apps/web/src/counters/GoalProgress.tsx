import { goalProgress } from './counter-limits';
import { formatValue } from './format-value';

/** A counter's goal as a progress bar: "42 of 250" in the user's locale, and a mark once it is reached. */
export function GoalProgress(props: { value: number; goal: number }) {
  const { fraction, reached } = goalProgress(props.value, props.goal);
  const percent = Math.round(fraction * 100);
  const text = `${formatValue(props.value)} of ${formatValue(props.goal)}`;
  return (
    <div className={reached ? 'goal goal-reached' : 'goal'}>
      <div
        className="goal-bar"
        role="progressbar"
        aria-label="Goal"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={reached ? `${text}, reached` : text}
      >
        <div className="goal-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="goal-text">
        {text}
        {reached && <span className="goal-done"> · reached</span>}
      </span>
    </div>
  );
}
