import { useId } from 'react';
import type { CounterSettings, SettingsDraft, SettingsErrors } from './counter-settings';

const FIELDS: ReadonlyArray<{ field: keyof CounterSettings; label: string; placeholder: string }> = [
  { field: 'min', label: 'Minimum', placeholder: 'None' },
  { field: 'max', label: 'Maximum', placeholder: 'None' },
  { field: 'step', label: 'Step', placeholder: '1' },
  { field: 'goal', label: 'Goal', placeholder: 'None' },
];

/** The four settings of a counter as labelled number fields (blank: none), each with its error. */
export function SettingsFields(props: {
  draft: SettingsDraft;
  errors: SettingsErrors;
  onChange(draft: SettingsDraft): void;
}) {
  const { draft, errors, onChange } = props;
  const id = useId();
  return (
    <div className="settings-fields">
      {FIELDS.map(({ field, label, placeholder }) => {
        const error = errors[field];
        const errorId = `${id}-${field}-error`;
        return (
          <label key={field} className="field">
            <span className="field-label">{label}</span>
            <input
              className="input input-number"
              type="number"
              step={1}
              min={field === 'step' ? 1 : undefined}
              max={field === 'step' ? 1000 : undefined}
              placeholder={placeholder}
              value={draft[field]}
              aria-invalid={error !== undefined}
              aria-describedby={error === undefined ? undefined : errorId}
              onChange={(event) => onChange({ ...draft, [field]: event.target.value })}
            />
            {error !== undefined && (
              <span id={errorId} className="field-error">
                {error}
              </span>
            )}
          </label>
        );
      })}
    </div>
  );
}
