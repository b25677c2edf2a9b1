/**
 * Whether the event inspector (a developer's tool) is open: opened from the board menu's
 * "Developer" entry or with its keyboard shortcut, closed by the dialog. A module store, so that
 * the menu, the shortcut and the dialog share it without the board page passing it around.
 */
let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (open === next) return;
  open = next;
  for (const listener of listeners) listener();
}

export const inspectorState = {
  get: (): boolean => open,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  open: (): void => set(true),
  close: (): void => set(false),
  toggle: (): void => set(!open),
};

/** The shortcut as the board menu shows it. */
export const INSPECTOR_SHORTCUT = 'Ctrl+Shift+E';

/** Ctrl+Shift+E (⌘⇧E on a Mac): rarely taken by browsers, and typed by nobody by chance. */
export function isInspectorShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.code === 'KeyE';
}
