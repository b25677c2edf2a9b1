import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Toasts } from './Toasts';
import { getToasts, showToast } from './toast-store';

function stack(): HTMLElement {
  return document.querySelector('.toasts') as HTMLElement;
}

describe('Toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    cleanup();
    // Every toast goes after its few seconds: the next test starts with none.
    act(() => vi.runAllTimers());
    vi.useRealTimers();
  });

  it('keeps three at most, the page’s offer at the edge and the newest message next to it', () => {
    render(
      <Toasts>
        <div role="status">You added 1 to Door</div>
      </Toasts>,
    );
    act(() => {
      for (const n of [1, 2, 3, 4]) showToast(`Message ${n}`);
    });
    expect(getToasts()).toHaveLength(3);
    expect([...stack().children].map((toast) => toast.textContent)).toEqual([
      'You added 1 to Door',
      'Message 4×',
      'Message 3×',
      'Message 2×',
    ]);
  });

  it('errors are alerts, notices are statuses; each can be dismissed, and each goes by itself', () => {
    render(<Toasts />);
    act(() => {
      showToast('Could not reach the server');
      vi.advanceTimersByTime(1_000);
      showToast('“Door” was deleted', 'info');
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Could not reach the server×');
    expect(screen.getByRole('status').textContent).toBe('“Door” was deleted×');

    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();

    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
