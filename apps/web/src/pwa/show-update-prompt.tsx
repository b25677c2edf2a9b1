import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { UpdatePrompt } from './UpdatePrompt';

let shown: Root | null = null;

/**
 * Shows "Reload to update" in a root of its own beside the app's, so that it reaches every page
 * (display mode too) without the app's code knowing of it. Shown once; hidden by "Not now".
 */
export function showUpdatePrompt(reload: () => Promise<void>): void {
  if (shown !== null) return;
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  shown = root;
  const dismiss = () => {
    root.unmount();
    container.remove();
    shown = null;
  };
  root.render(
    <StrictMode>
      <UpdatePrompt onReload={reload} onDismiss={dismiss} />
    </StrictMode>,
  );
}
