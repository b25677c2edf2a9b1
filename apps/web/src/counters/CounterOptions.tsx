import type { Counter } from '@tally/events';
import { useState } from 'react';
import { MenuButton } from '../app/MenuButton';
import { DeleteCounterDialog } from './DeleteCounterDialog';
import './counter-options.css';

/**
 * The owner's actions on a card, behind "Counter options": Rename, Reset, Settings and Delete,
 * which asks first. Members never see it (the server refuses them these anyway), so it is loaded
 * only when an owner's board shows.
 */
export default function CounterOptions(props: {
  counter: Counter;
  value: number;
  onRename(): void;
  onReset(): void;
  onSettings(): void;
  onDelete(): void;
}) {
  const { counter, value, onRename, onReset, onSettings, onDelete } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <MenuButton
        label="Counter options"
        className="button counter-options"
        icon={<span aria-hidden="true">⋯</span>}
        items={[
          { label: 'Rename', onSelect: onRename },
          { label: 'Reset', onSelect: onReset },
          { label: 'Settings', onSelect: onSettings },
          { label: 'Delete', onSelect: () => setConfirming(true), danger: true },
        ]}
      />
      {confirming && (
        <DeleteCounterDialog
          name={counter.name}
          value={value}
          onCancel={() => setConfirming(false)}
          onConfirm={onDelete}
        />
      )}
    </>
  );
}
