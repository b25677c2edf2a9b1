import { lazy, Suspense, useState } from 'react';
import { MenuButton } from '../app/MenuButton';
import { useTallyClient } from '../app/TallyClientProvider';
import { DeveloperInspector } from '../inspector/DeveloperInspector';
import { INSPECTOR_SHORTCUT, inspectorState } from '../inspector/inspector-state';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import { downloadSnapshot } from './snapshot-file';
import './board-menu.css';
import { withQueries } from '../app/with-queries';

const ImportBoardDialog = lazy(() => import('./ImportBoardDialog'));

/** Large boards take a moment to encode; a slow link a moment more to carry. */
const EXPORT_TIMEOUT_MS = 30_000;

/** Everyone's: a developer's view of the socket, also on its keyboard shortcut (named here, so it is found). */
const developerItem = {
  label: `Developer: events (${INSPECTOR_SHORTCUT})`,
  onSelect: inspectorState.open,
};

/**
 * The board menu. For the owner (v1.1), "Export board" downloads the board's counters as a
 * `.tally` snapshot and "Import board" makes a new board from one; for everyone, the
 * "Developer" entry opens the event inspector (whose shortcut and dialog come with this lazy
 * menu: none of it is in the first download).
 */
function BoardMenu(props: { boardId: string; boardName: string; owner: boolean }) {
  const { boardId, boardName, owner } = props;
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
        items={
          owner
            ? [
                { label: 'Export board', onSelect: () => void exportBoard() },
                { label: 'Import board', onSelect: () => setImporting(true) },
                developerItem,
              ]
            : [developerItem]
        }
      />
      <DeveloperInspector />
      {importing && (
        <Suspense fallback={null}>
          <ImportBoardDialog onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </>
  );
}

export default withQueries(BoardMenu);
