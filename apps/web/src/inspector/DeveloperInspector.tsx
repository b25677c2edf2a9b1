import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { inspectorState, isInspectorShortcut } from './inspector-state';

// A developer's view, not part of the first screen: loaded on first use.
const InspectorDialog = lazy(() => import('./InspectorDialog'));

/**
 * The event inspector of a board page: its keyboard shortcut, and the dialog once first opened
 * (then kept mounted, closed, so that it goes on recording the socket's events).
 */
export function DeveloperInspector() {
  const open = useSyncExternalStore(inspectorState.subscribe, inspectorState.get);
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isInspectorShortcut(event)) return;
      event.preventDefault();
      inspectorState.toggle();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      // Leaving the board (the browser's Back) does not leave it open for the next page.
      inspectorState.close();
    };
  }, []);

  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <InspectorDialog open={open} onClose={inspectorState.close} />
    </Suspense>
  );
}
