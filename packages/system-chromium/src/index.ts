import { existsSync } from 'node:fs';

/**
 * Flags for Debian's Chromium on this project's machines. Without the background-networking
 * ones Chromium keeps calling home, and on a closed network every attempt is refused.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * Launch options for the system Chromium (never a downloaded browser build): Debian's
 * `chromium` package, or the binary named in CHROMIUM_PATH. Throws with what to install when
 * there is none.
 */
export function systemChromium(): { executablePath: string; args: string[] } {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}. Install it with \`apt-get install -y chromium\` ` +
        '(Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary. `playwright install` is not used.',
    );
  }
  return { executablePath, args: [...CHROMIUM_ARGS] };
}
