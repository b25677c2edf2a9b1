import { SNAPSHOT_FILE_EXTENSION, SNAPSHOT_MEDIA_TYPE } from '@tally/events/constants';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { boardNameFromFile } from './snapshot-file';
import { useImportBoard } from './useImportBoard';

/**
 * "Import board": a modal dialog that picks a `.tally` file, names the new board (the file's
 * name by default) and creates it; the new board opens. A refused file is said so in the dialog.
 * Loaded on first use, like every rarely used part of the app.
 */
export default function ImportBoardDialog(props: { onClose(): void }) {
  const { onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [isPrivate, setIsPrivate] = useState(false);
  const importBoard = useImportBoard();

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const trimmed = name.trim();
    if (file === null || trimmed === '' || importBoard.isPending) return;
    importBoard.mutate(
      { file, name: trimmed, visibility: isPrivate ? 'private' : 'public' },
      { onSuccess: () => dialog.current?.close() },
    );
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form className="dialog-body" onSubmit={handleSubmit}>
        <h2 id={titleId} className="dialog-title">
          Import board
        </h2>
        <p className="hint">Creates a new board with the counters of a snapshot exported from Tally.</p>
        <label className="field">
          <span className="field-label">Snapshot file</span>
          <input
            className="input"
            type="file"
            accept={`${SNAPSHOT_FILE_EXTENSION},${SNAPSHOT_MEDIA_TYPE}`}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              importBoard.reset();
              if (chosen !== null && name.trim() === '') setName(boardNameFromFile(chosen.name));
            }}
          />
        </label>
        <label className="field">
          <span className="field-label">New board name</span>
          <input
            className="input"
            value={name}
            maxLength={64}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={isPrivate}
            onChange={(event) => setIsPrivate(event.target.checked)}
          />
          Private
        </label>
        {importBoard.isError && (
          <p role="alert" className="field-error">
            {importBoard.error.message}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={file === null || name.trim() === '' || importBoard.isPending}
          >
            {importBoard.isPending ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
