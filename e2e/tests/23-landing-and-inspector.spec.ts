import type { Page } from '@playwright/test';
import { axeViolations } from '../fixtures/axe.js';
import { seedBoard, uniqueBoardName } from '../fixtures/seed-board.js';
import { SetupClient } from '../fixtures/setup-client.js';
import { expect, test } from '../fixtures/test.js';

// Each axe pass takes a second or two on this machine, and these stories make several.
test.describe.configure({ timeout: 90_000 });

const PHONE = { width: 375, height: 740 };

/** The boxes of what the page shows in its toast stack that cover a counter's + or − button. */
async function toastsOverButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = (selector: string) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0);
    const buttons = boxes('button[aria-label="Increment"], button[aria-label="Decrement"]');
    const overlaps: string[] = [];
    for (const toast of boxes('.toasts > *')) {
      for (const button of buttons) {
        const apart =
          toast.box.right <= button.box.left ||
          button.box.right <= toast.box.left ||
          toast.box.bottom <= button.box.top ||
          button.box.bottom <= toast.box.top;
        if (!apart)
          overlaps.push(
            `"${toast.element.textContent}" over a ${button.element.getAttribute('aria-label')} button`,
          );
      }
    }
    return overlaps;
  });
}

test('the landing page says what Tally is, creates a board, opens the lobby and lists the public boards with who is on them', async ({
  api,
  ana,
  ben,
}) => {
  // Two public boards of one name, one with Ben on it: the list tells them apart.
  const twinName = uniqueBoardName('Story 23 twin');
  const first = await api.createBoard(twinName);
  const second = await api.createBoard(twinName);
  await ben.open(`/b/${first.board.id}`);

  await ana.open('/');
  await expect(ana.page.getByRole('heading', { level: 1 })).toHaveText('Count together, live.');
  await expect(ana.page.getByText(/^Tally is a board of shared counters/)).toBeVisible();
  await expect(ana.page.getByRole('button', { name: 'Create a board', exact: true })).toBeVisible();
  await expect(ana.page.getByRole('link', { name: 'Open the lobby', exact: true })).toBeVisible();

  const list = ana.page.getByRole('list', { name: 'Public boards', exact: true });
  const twins = list.getByRole('listitem').filter({ has: ana.page.getByRole('link', { name: twinName }) });
  await expect(twins).toHaveCount(2);
  const withBen = twins.filter({ hasText: '1 online' });
  await expect(withBen).toContainText(`…${first.board.id.slice(-6)}`);
  await expect(withBen).toContainText(/Active (now|\d+ seconds? ago)/);
  await expect(twins.filter({ hasText: '0 online' })).toContainText(`…${second.board.id.slice(-6)}`);
  // The link itself says which board it is, to a screen reader as well.
  await expect(withBen.getByRole('link')).toHaveAccessibleDescription(new RegExp(first.board.id.slice(-6)));
  await expect(list.getByRole('link', { name: 'Lobby', exact: true })).toHaveAttribute('href', '/b/lobby');

  for (const colorScheme of ['light', 'dark'] as const) {
    await ana.page.emulateMedia({ colorScheme });
    expect(await axeViolations(ana.page), `landing page, ${colorScheme}`).toEqual([]);
  }
  await ana.page.setViewportSize(PHONE);
  expect(await axeViolations(ana.page), 'landing page at 375 px').toEqual([]);
  expect(await ana.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width,
  );

  await ana.page.getByRole('link', { name: 'Open the lobby', exact: true }).click();
  await expect(ana.page).toHaveURL(/\/b\/lobby$/);
  await expect(ana.counter('Count').root).toBeVisible();

  await ana.page.getByRole('link', { name: 'Tally, home' }).click();
  await expect(ana.page).toHaveURL(/\/$/);
  const name = uniqueBoardName('Story 23 new');
  await ana.page.getByRole('textbox', { name: 'Board name', exact: true }).fill(name);
  await ana.page.getByRole('button', { name: 'Create a board', exact: true }).click();
  await expect(ana.page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await expect(ana.page.getByText('Owner', { exact: true })).toBeVisible();
  expect(ana.boardIdInAddress()).toMatch(/^story-23-new-/);
});

test('the event inspector is a developer tool: a dialog that takes focus, closes on Escape and gives focus back, full screen on a phone', async ({
  ana,
}) => {
  await ana.createBoard(uniqueBoardName('Story 23 inspector'));
  await ana.addCounter('Door');
  await expect(ana.page.getByRole('button', { name: 'Events', exact: true })).toHaveCount(0);

  const menuButton = ana.page.getByRole('button', { name: 'Board menu', exact: true });
  const inspector = await ana.openInspector();
  expect(await inspector.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  // Beside the board on a wide screen: the board stays usable, and its events show.
  await ana.counter('Door').increment.click();
  await expect(inspector.getByText('counter:updated').first()).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await ana.page.emulateMedia({ colorScheme });
    expect(await axeViolations(ana.page), `open inspector, ${colorScheme}`).toEqual([]);
  }

  await inspector.getByRole('button', { name: 'Close inspector' }).focus();
  await ana.page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  await expect(menuButton).toBeFocused();

  // The shortcut the menu names opens it too.
  await menuButton.click();
  await expect(
    ana.page.getByRole('menuitem', { name: /^Developer: events \(Ctrl\+Shift\+E\)$/ }),
  ).toBeVisible();
  await ana.page.keyboard.press('Escape');
  await ana.page.keyboard.press('Control+Shift+E');
  await expect(inspector).toBeVisible();
  await ana.page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  await expect(menuButton).toBeFocused();

  // On a phone: a full-screen sheet with a visible close button.
  await ana.page.setViewportSize(PHONE);
  await ana.openInspector();
  const box = await inspector.boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
  const close = inspector.getByRole('button', { name: 'Close inspector' });
  await expect(close).toBeInViewport();
  expect(await axeViolations(ana.page), 'open inspector at 375 px').toEqual([]);
  await close.click();
  await expect(inspector).toBeHidden();
  await expect(menuButton).toBeFocused();
});

test('on a phone, toasts stay compact and off the counter buttons: two messages at most, each dismissible', async ({
  api,
  ben,
}) => {
  const board = await seedBoard(api, {
    label: 'Story 23 toasts',
    counters: ['Door A', 'Door B', 'Door C', 'Gone 1', 'Gone 2', 'Gone 3'].map((name) => ({ name })),
  });
  await ben.page.setViewportSize(PHONE);
  await ben.open(board.path);
  await expect(ben.counter('Gone 3').root).toBeVisible();
  // Every sparkline has had its hour of history: a deletion racing that request would answer it
  // 404, which the console guard counts as a problem (the app itself shrugs it off).
  await ben.page.waitForLoadState('networkidle');

  // The owner deletes three counters at once: Ben hears of each.
  const owner = await SetupClient.connect(api.baseURL);
  try {
    await owner.join(board.id, board.ownerKey);
    for (const counter of board.counters.filter((counter) => counter.name.startsWith('Gone'))) {
      await owner.deleteCounter(counter.id);
    }
  } finally {
    owner.close();
  }
  const notices = ben.page.getByRole('status', { includeHidden: true }).filter({ hasText: /was deleted/ });
  await expect(notices).toHaveCount(3);
  // The newest two show; the oldest waits out its seconds unseen (it was announced).
  await expect(notices.filter({ hasText: 'Gone 3' })).toBeVisible();
  await expect(notices.filter({ hasText: 'Gone 2' })).toBeVisible();
  await expect(notices.filter({ hasText: 'Gone 1' })).toBeHidden();
  expect(await toastsOverButtons(ben.page)).toEqual([]);

  // Ben's own click brings the Undo offer: it too stays off the buttons.
  await ben.counter('Door A').increment.click();
  await expect(ben.undoOffer).toBeVisible();
  expect(await toastsOverButtons(ben.page)).toEqual([]);

  await notices.filter({ hasText: 'Gone 3' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(notices.filter({ hasText: 'Gone 3' })).toHaveCount(0);
  await expect(notices.filter({ hasText: 'Gone 1' })).toBeVisible();
});
