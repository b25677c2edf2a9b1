import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UpdatePrompt } from './UpdatePrompt';

afterEach(cleanup);

describe('UpdatePrompt', () => {
  it('says a new version is ready and activates it on "Reload to update"', async () => {
    const onReload = vi.fn(() => new Promise<void>(() => {}));
    const onDismiss = vi.fn();
    render(<UpdatePrompt onReload={onReload} onDismiss={onDismiss} />);
    const prompt = screen.getByRole('complementary', { name: 'Update' });
    expect(prompt.textContent).toContain('A new version of Tally is ready.');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reload to update' })));
    expect(onReload).toHaveBeenCalledTimes(1);
    // The page reloads once the new worker controls it: meanwhile nothing can be pressed twice.
    const reloading = screen.getByRole('button', { name: 'Reloading…' }) as HTMLButtonElement;
    expect(reloading.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Not now' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onDismiss).not.toHaveBeenCalled();
  });

  it('"Not now" keeps the running version', () => {
    const onReload = vi.fn(async () => {});
    const onDismiss = vi.fn();
    render(<UpdatePrompt onReload={onReload} onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(onReload).not.toHaveBeenCalled();
  });
});
