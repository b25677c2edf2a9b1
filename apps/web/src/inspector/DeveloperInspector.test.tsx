import type { TallyClient } from '@tally/client';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TallyClientProvider } from '../app/TallyClientProvider';
import { DeveloperInspector } from './DeveloperInspector';
import { inspectorState } from './inspector-state';

type Recorder = (direction: 'in' | 'out', name: string, args: unknown[]) => void;

/** The one command the inspector uses: a listener for every socket event, which the test calls. */
function clientStandIn() {
  const recorders = new Set<Recorder>();
  const client = {
    onAnyEvent(recorder: Recorder) {
      recorders.add(recorder);
      return () => recorders.delete(recorder);
    },
  } as unknown as TallyClient;
  return {
    client,
    emit: (...event: Parameters<Recorder>) => {
      for (const record of recorders) record(...event);
    },
  };
}

function renderBoardWithInspector() {
  const { client, emit } = clientStandIn();
  render(
    <TallyClientProvider client={client}>
      <button type="button">Board menu</button>
      <DeveloperInspector />
    </TallyClientProvider>,
  );
  const opener = screen.getByRole('button', { name: 'Board menu' });
  opener.focus();
  return { opener, emit };
}

function pressShortcut(): void {
  fireEvent.keyDown(document.activeElement ?? window, {
    key: 'E',
    code: 'KeyE',
    ctrlKey: true,
    shiftKey: true,
  });
}

async function openedDialog(): Promise<HTMLDialogElement> {
  const dialog = await screen.findByRole('dialog', { name: /^Event inspector/ });
  expect(dialog).toBeInstanceOf(HTMLDialogElement);
  expect((dialog as HTMLDialogElement).open).toBe(true);
  return dialog as HTMLDialogElement;
}

describe('the event inspector, a developer tool', () => {
  afterEach(() => {
    cleanup();
    inspectorState.close();
    vi.restoreAllMocks();
  });

  it('opens from the Developer entry as a dialog that takes focus; Escape closes it and focus returns', async () => {
    const { opener } = renderBoardWithInspector();
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => inspectorState.open());
    const dialog = await openedDialog();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close inspector' }));

    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(dialog.open).toBe(false);
    expect(inspectorState.get()).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('opens and closes with Ctrl+Shift+E, and Close gives focus back too', async () => {
    const { opener } = renderBoardWithInspector();
    act(() => pressShortcut());
    const dialog = await openedDialog();

    act(() => pressShortcut());
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);

    act(() => pressShortcut());
    expect(dialog.open).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close inspector' }));
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('is a modal sheet on a phone, and a sheet beside the usable board on a wider screen', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    const phone = vi.spyOn(window, 'matchMedia').mockReturnValue({ matches: true } as MediaQueryList);
    renderBoardWithInspector();
    act(() => inspectorState.open());
    await openedDialog();
    expect(phone).toHaveBeenCalledWith('(max-width: 600px)');
    expect(showModal).toHaveBeenCalledTimes(1);

    act(() => inspectorState.close());
    phone.mockReturnValue({ matches: false } as MediaQueryList);
    act(() => inspectorState.open());
    await openedDialog();
    expect(showModal).toHaveBeenCalledTimes(1);
  });

  it('keeps recording while closed, once opened', async () => {
    const { emit } = renderBoardWithInspector();
    act(() => inspectorState.open());
    const dialog = await openedDialog();
    fireEvent.keyDown(dialog, { key: 'Escape' });

    await act(async () => {
      emit('in', 'counter:updated', [{ value: 7 }]);
      await new Promise(requestAnimationFrame);
    });
    act(() => inspectorState.open());
    const events = within(dialog).getByRole('list', { name: 'Events' });
    expect(within(events).getByText('counter:updated')).toBeDefined();
  });
});
