import { createStore } from '@tally/client';

const open = createStore(false);

/**
 * Whether the event inspector (a developer's tool) is open: opened from the board menu's
 * "Developer" entry or with its keyboard shortcut, closed by the dialog. A module store, so that
 * the menu, the shortcut and the dialog share it without the board page passing it around.
 */
export const inspectorState = {
  get: open.get,
  subscribe: open.subscribe,
  open: (): void => open.set(true),
  close: (): void => open.set(false),
  toggle: (): void => open.set(!open.get()),
};

/** The shortcut as the board menu shows it. */
export const INSPECTOR_SHORTCUT = 'Ctrl+Shift+E';

/** Ctrl+Shift+E (⌘⇧E on a Mac): rarely taken by browsers, and typed by nobody by chance. */
export function isInspectorShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.code === 'KeyE';
}
