import { type FormEvent, useState } from 'react';

/**
 * The owner's "Counter name" field in place of a card's heading, with Save; Escape cancels.
 * Loaded on first use, like the rest of the owner's tools.
 */
export default function RenameForm(props: {
  initialName: string;
  onSave(name: string): void;
  onCancel(): void;
}) {
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
