import { lazy, Suspense, useState } from 'react';
import { MenuButton } from '../app/MenuButton';
import { useTallyClient } from '../app/TallyClientProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import { downloadSnapshot } from './snapshot-file';

const ImportBoardDialog = lazy(() => import('./ImportBoardDialog'));

/** Large boards take a moment to encode; a slow link a moment more to carry. */
const EXPORT_TIMEOUT_MS = 30_000;

/**
 * The owner's board menu (v1.1): "Export board" downloads the board's counters as a `.tally`
 * snapshot; "Import board" makes a new board from one. Owners only: loaded when an owner's board shows.
 */
export default function BoardMenu(props: { boardId: string; boardName: string }) {
  const { boardId, boardName } = props;
  const client = useTallyClient();
  const [importing, setImporting] = useState(false);

  async function exportBoard(): Promise<void> {
    const answer = await client.request('board:export', { boardId }, { timeoutMs: EXPORT_TIMEOUT_MS });
    if (!answer.ok) {
      showToast(describeFailure('export', answer.error));
      return;
    }
    downloadSnapshot(answer.snapshot, boardName);
  }

  return (
    <>
      <MenuButton
        label="Board menu"
        items={[
          { label: 'Export board', onSelect: () => void exportBoard() },
          { label: 'Import board', onSelect: () => setImporting(true) },
        ]}
      />
      {importing && (
        <Suspense fallback={null}>
          <ImportBoardDialog onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </>
  );
}
