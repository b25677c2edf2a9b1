import { type FormEvent, memo, useId, useState } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import {
  type CounterSettings,
  DEFAULT_SETTINGS,
  draftOf,
  parseSettings,
  type SettingsErrors,
  settingsChanges,
} from './counter-settings';
import { SettingsFields } from './SettingsFields';

const BLANK_DRAFT = draftOf(DEFAULT_SETTINGS);

/**
 * Adds a counter to the board (any member may); it appears once the server made it. "Limits &
 * goal" opens the optional settings (v1.1): minimum, maximum, step and goal; the counter then
 * starts at its reset value (0, or the nearer bound).
 */
export const AddCounterForm = memo(function AddCounterForm(props: { boardId: string }) {
  const { boardId } = props;
  const client = useTallyClient();
  const optionsId = useId();
  const [name, setName] = useState('');
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [draft, setDraft] = useState(BLANK_DRAFT);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [creating, setCreating] = useState(false);

  async function create(fields: { name: string } & Partial<CounterSettings>): Promise<void> {
    setCreating(true);
    const answer = await client.createCounter(boardId, fields);
    setCreating(false);
    if (!answer.ok) {
      showToast(describeFailure('create', answer.error));
      return;
    }
    setName('');
    setDraft(BLANK_DRAFT);
    setOptionsOpen(false);
  }

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '' || creating) return;
    const parsed = parseSettings(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setOptionsOpen(true);
      return;
    }
    setErrors({});
    void create({ name: trimmed, ...settingsChanges(DEFAULT_SETTINGS, parsed.settings) });
  }

  return (
    <form className="add-counter" aria-label="Add a counter" onSubmit={handleSubmit}>
      <div className="add-counter-row">
        <input
          className="input"
          aria-label="New counter name"
          placeholder="New counter name"
          value={name}
          maxLength={64}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="button"
          className="button"
          aria-expanded={optionsOpen}
          aria-controls={optionsId}
          onClick={() => setOptionsOpen((open) => !open)}
        >
          Limits &amp; goal
        </button>
        <button type="submit" className="button button-primary" disabled={name.trim() === '' || creating}>
          Add counter
        </button>
      </div>
      <div id={optionsId} className="add-counter-options" hidden={!optionsOpen}>
        <SettingsFields draft={draft} errors={errors} onChange={setDraft} />
        <p className="hint">Leave a field blank for none. The counter starts at 0, or at its nearer limit.</p>
      </div>
    </form>
  );
});
