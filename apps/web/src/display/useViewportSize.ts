import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('resize', listener);
  return () => window.removeEventListener('resize', listener);
}

// One string, so that the snapshot stays the same value between resizes.
const snapshot = () => `${window.innerWidth}x${window.innerHeight}`;

/** The window's inner size in CSS pixels, re-rendering when it changes (a rotation, a window resized). */
export function useViewportSize(): { width: number; height: number } {
  const [width, height] = useSyncExternalStore(subscribe, snapshot).split('x').map(Number);
  return { width: width ?? 0, height: height ?? 0 };
}
