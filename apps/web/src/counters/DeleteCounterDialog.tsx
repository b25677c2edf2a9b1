import { useEffect, useId, useRef } from 'react';
import { formatValue } from './format-value';

/**
 * "Delete “Door”?": a modal alert dialog that names the counter and the count that would go with
 * it (live: a click meanwhile shows). Focus starts on Cancel, the safe choice; Escape or Cancel
 * closes it and focus goes back to where it was (the "Counter options" button).
 */
export function DeleteCounterDialog(props: {
  name: string;
  value: number;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { name, value, onCancel, onConfirm } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    cancel.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      className="dialog delete-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      // Escape closes a modal dialog by itself; this keeps React's state in step.
      onClose={onCancel}
    >
      <div className="dialog-body">
        <h2 id={titleId} className="dialog-title delete-dialog-title">
          Delete “{name}”?
        </h2>
        <p id={textId}>
          Its count of <strong className="delete-dialog-value">{formatValue(value)}</strong> goes with it, for
          everyone on the board. This cannot be undone.
        </p>
        <div className="form-actions">
          <button ref={cancel} type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm}>
            Delete counter
          </button>
        </div>
      </div>
    </dialog>
  );
}
