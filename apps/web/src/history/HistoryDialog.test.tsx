import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { historyQueryOptions } from '../counters/history';
import HistoryDialog from './HistoryDialog';

const MINUTE = 60_000;

/** A 2D context that draws nothing: happy-dom has no canvas, and uPlot only needs one to call. */
function silentContext(): CanvasRenderingContext2D {
  return new Proxy({} as CanvasRenderingContext2D, {
    get: (_target, name) =>
      name === 'measureText' ? () => ({ width: 10 }) : name === 'canvas' ? undefined : () => {},
    set: () => true,
  });
}

describe('HistoryDialog', () => {
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      silentContext as unknown as HTMLCanvasElement['getContext'],
    );
  });

  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  function renderDialog() {
    const now = Date.now();
    // Fresh for ever, as in the app: nothing is fetched.
    const queryClient = new QueryClient({
      defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } },
    });
    // Loaded histories for each range.
    queryClient.setQueryData(historyQueryOptions('b1', 'c1', 60).queryKey, [
      { t: now - 60 * MINUTE, value: 0 },
      { t: now - 30 * MINUTE, value: 33 },
    ]);
    queryClient.setQueryData(historyQueryOptions('b1', 'c1', 1440).queryKey, [
      { t: now - 1440 * MINUTE, value: 10 },
      { t: now - 600 * MINUTE, value: 2 },
      { t: now - 30 * MINUTE, value: 33 },
    ]);
    queryClient.setQueryData(historyQueryOptions('b1', 'c1', 10080).queryKey, [
      { t: now - 10080 * MINUTE, value: 50 },
      { t: now - 30 * MINUTE, value: 33 },
    ]);
    const closed = vi.fn();
    render(
      <QueryClientProvider client={queryClient}>
        <HistoryDialog boardId="b1" counterId="c1" counterName="Door" value={33} onClose={closed} />
      </QueryClientProvider>,
    );
    return { closed };
  }

  it('switches between 1 h, 24 h and 7 d, saying what each range shows', async () => {
    renderDialog();
    const dialog = screen.getByRole('dialog', { name: 'History of Door' });
    const range = within(dialog).getByRole('group', { name: 'Range' });
    expect(within(range).getByRole('radio', { name: '1 h' })).toHaveProperty('checked', true);
    expect(within(dialog).getByText('From 0 to 33 in the last hour.')).toBeDefined();

    fireEvent.click(within(range).getByRole('radio', { name: '24 h' }));
    expect(within(range).getByRole('radio', { name: '24 h' })).toHaveProperty('checked', true);
    expect(within(dialog).getByText('From 10 to 33 in the last 24 hours, between 2 and 33.')).toBeDefined();

    fireEvent.click(within(range).getByRole('radio', { name: '7 d' }));
    expect(within(dialog).getByText('From 50 to 33 in the last 7 days.')).toBeDefined();
    // The table lists the same values, newest first, ending now.
    const rows = within(within(dialog).getByRole('table')).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'TimeValue',
      'Now33',
      expect.stringMatching(/33$/),
      expect.stringMatching(/50$/),
    ]);

    // The chart arrives after the text (uPlot loads lazily) and is hidden from assistive technology.
    await waitFor(() => expect(dialog.querySelector('.history-chart canvas')).not.toBeNull());
    expect(dialog.querySelector('.history-chart')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('reads out the value now until the cursor points somewhere, and closes with Close', () => {
    const { closed } = renderDialog();
    const dialog = screen.getByRole('dialog', { name: 'History of Door' });
    expect(dialog.querySelector('.history-readout')?.textContent).toBe('Now33');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(closed).toHaveBeenCalledOnce();
  });
});
