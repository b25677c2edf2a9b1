import type { Counter } from '@tally/events';
import { type FormEvent, useState } from 'react';
import {
  type CounterSettings,
  draftOf,
  parseSettings,
  type SettingsErrors,
  settingsChanges,
} from './counter-settings';
import { SettingsFields } from './SettingsFields';

/**
 * The owner's settings of a counter, in its card: minimum, maximum, step and goal (blank: none).
 * Checked here as the server will check them; only what changed is sent. Loaded on first use.
 */
export default function CounterSettingsForm(props: {
  counter: Counter;
  /** The value shown (pending clicks included): the bounds must hold it. */
  value: number;
  onSave(changes: Partial<CounterSettings>): Promise<boolean>;
  onClose(): void;
}) {
  const { counter, value, onSave, onClose } = props;
  const [draft, setDraft] = useState(() => draftOf(counter));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const parsed = parseSettings(draft, value);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    const changes = settingsChanges(counter, parsed.settings);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    const saved = await onSave(changes);
    setSaving(false);
    if (saved) onClose();
  }

  return (
    <form
      className="counter-settings"
      aria-label={`Settings of ${counter.name}`}
      onSubmit={(event) => void handleSubmit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <SettingsFields draft={draft} errors={errors} onChange={setDraft} />
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" disabled={saving}>
          Save settings
        </button>
      </div>
    </form>
  );
}
