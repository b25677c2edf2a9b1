import type { Page } from '@playwright/test';
import { ConsoleGuard } from '../fixtures/console-guard.js';
import { startStoryServer } from '../fixtures/story-server.js';
import { expect, test } from '../fixtures/test.js';

const ADMIN_KEY = 'operator-key-for-story-25';

/** The page's first script, a hashed asset of the build ("/assets/index-….js"). */
async function firstAsset(appURL: string): Promise<string> {
  const html = await (await fetch(`${appURL}/`)).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!asset) throw new Error(`no hashed script in the built page:\n${html}`);
  return asset;
}

test('the built app, its SPA fallback and its assets come with their security headers', async ({
  appURL,
}) => {
  for (const path of ['/', '/b/lobby', await firstAsset(appURL)]) {
    const response = await fetch(`${appURL}${path}`);
    expect(response.status, path).toBe(200);
    await response.arrayBuffer();
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy, path).toContain("script-src 'self'");
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
  }
});

test('Ana counts on the lobby under its CSP; a script injected into her page does not run', async ({
  ana,
  browser,
  appURL,
}) => {
  // Ana's guard fails the story on any console error, a CSP refusal ("Refused to …") included.
  await ana.open('/b/lobby');
  const before = Number(await ana.counter('Count').value.textContent());
  await ana.counter('Count').increment.click();
  await expect(ana.counter('Count').value).toHaveText(String(before + 1));
  await expect(ana.connection).toHaveText(/^Connected/);

  // Mallory's script, as an injection would add it (a refusal is expected here: no guard).
  const page = await browser.newPage();
  await page.goto(`${appURL}/b/lobby`);
  const violated = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective));
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.body.append(script);
      }),
  );
  expect(violated).toBe('script-src-elem');
  expect(await page.evaluate(() => 'injected' in window)).toBe(false);
  await page.close();
});

test("Mallory's page cannot frame the board (clickjacking its owner actions)", async ({
  browser,
  appURL,
}) => {
  const page = await browser.newPage();
  await page.route('http://mallory.invalid/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Win a prize</title><iframe title="board" src="${appURL}/b/lobby"></iframe>`,
    }),
  );
  await page.goto('http://mallory.invalid/');
  const board = page.frameLocator('iframe[title="board"]');
  // Chromium shows its own error page in place of a frame that frame-ancestors refuses.
  await expect.poll(() => page.frames()[1]?.url()).toMatch(/^chrome-error:/);
  await expect(board.getByRole('textbox', { name: 'Your name', exact: true })).toHaveCount(0);
  await page.close();
});

/** Logs into the Admin UI served at /admin/ (its form already holds the server's URL). */
async function logIntoAdminUi(page: Page, serverURL: string): Promise<void> {
  await page.goto(`${serverURL}/admin/`);
  await expect(page.getByRole('textbox', { name: 'Server URL' })).toHaveValue(serverURL);
  await page.getByRole('textbox', { name: 'Username' }).fill('admin');
  await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Connect' }).click();
  // The status chip is in the header twice (a wide and a narrow layout): the one shown.
  await expect(page.getByText('connected', { exact: true }).filter({ visible: true })).toBeVisible();
}

test('the operator opens the Admin UI on Tally itself, logs in with ADMIN_KEY and sees the node, under its CSP', async ({
  browser,
}) => {
  const server = await startStoryServer({ ADMIN_KEY, NODE_ID: 'story-25' });
  const context = await browser.newContext();
  try {
    const guard = new ConsoleGuard(context);
    const elsewhere: string[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).origin !== server.url) elsewhere.push(request.url());
    });
    const page = await context.newPage();
    await logIntoAdminUi(page, server.url);

    await page.getByRole('link', { name: 'Servers' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'story-25' })).toContainText('Healthy');
    expect(elsewhere).toEqual([]);
    expect(guard.problems).toEqual([]);
  } finally {
    await context.close();
    await server.dispose();
  }
});
