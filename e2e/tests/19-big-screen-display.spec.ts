import type { Locator, Page } from '@playwright/test';
import { axeViolations } from '../fixtures/axe.js';
import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, ownServer, test } from '../fixtures/test.js';

// "N online" counts everyone on the server: the story has a server of its own.
test.use({ server: ownServer });
// Each axe pass takes a second or two on this machine.
test.describe.configure({ timeout: 90_000 });

const SCREEN = { width: 1920, height: 1080 };

/** The rendered size of a value and of its card, in CSS pixels. */
async function measure(value: Locator) {
  return value.evaluate((output) => {
    const card = output.closest('[role="group"]');
    if (card === null || output.parentElement === null) throw new Error('a value outside any card');
    const box = output.getBoundingClientRect();
    // The space the card gives its value (inside its padding, between its name and its goal).
    const room = output.parentElement.getBoundingClientRect();
    const cardBox = card.getBoundingClientRect();
    return {
      fontSize: Number.parseFloat(getComputedStyle(output).fontSize),
      cardWidth: cardBox.width,
      cardHeight: cardBox.height,
      fits:
        box.left >= room.left && box.right <= room.right && box.top >= room.top && box.bottom <= room.bottom,
    };
  });
}

/** Whether the page fits the screen without scrolling either way. */
function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      document.documentElement.scrollWidth <= window.innerWidth &&
      document.documentElement.scrollHeight <= window.innerHeight,
  );
}

test("a teacher's vote on a big screen: read-only, live, the values fill the screen, and the screen is nobody in the room", async ({
  ana,
  ben,
  cleo,
}) => {
  // Ana is the teacher; Cleo's browser is the classroom's screen; Ben is a student voting.
  const boardId = await ana.createBoard(uniqueBoardName('Story 19 class vote'));
  await ana.addCounter('Yes', { goal: 20 });
  const link = await ana.copyViewOnlyLink();
  expect(link.pathname).toBe(`/b/${boardId}/display`);
  expect(link.hash).toMatch(/^#key=.+/);

  const screen = cleo.page;
  await screen.setViewportSize(SCREEN);

  await test.step('the view-only link opens display mode: each counter a group with its value, and nothing to press or type', async () => {
    await screen.goto(link.href);
    const yes = cleo.counter('Yes');
    await expect(yes.value).toHaveText('0');
    await expect(yes.goal).toHaveAttribute('aria-valuetext', '0 of 20');
    await expect(screen.getByRole('button')).toHaveCount(0);
    await expect(screen.getByRole('textbox')).toHaveCount(0);
    await expect(screen.getByRole('log')).toHaveCount(0);
    await expect(cleo.connection).toHaveText('Live');
  });

  await test.step('a single counter fills the screen', async () => {
    const size = await measure(cleo.counter('Yes').value);
    expect(size.fits).toBe(true);
    expect(size.fontSize, 'the value is readable from across the room').toBeGreaterThan(SCREEN.height * 0.3);
    expect(size.cardWidth * size.cardHeight).toBeGreaterThan(SCREEN.width * SCREEN.height * 0.75);
    expect(await fitsTheScreen(screen)).toBe(true);
  });

  await test.step('Ben votes on his phone: the screen follows live, and nobody sees the screen as a member', async () => {
    await ben.open(`/b/${boardId}`);
    await ben.counter('Yes').clickIncrement(3);
    await expect(cleo.counter('Yes').value).toHaveText('3');
    await expect(cleo.counter('Yes').goal).toHaveAttribute('aria-valuetext', '3 of 20');
    await expect(ana.members.getByText('Ben')).toBeVisible();
    // The summary that names Ben was made after the screen joined: it would have named it too.
    await expect(ana.hereNow).toHaveText('2 online');
    await expect(ana.members.getByText('Cleo')).toHaveCount(0);
    await expect(ben.members.getByText('Cleo')).toHaveCount(0);
  });

  await test.step('more answers share the screen, each as large as it fits', async () => {
    await ana.addCounter('No');
    await ana.addCounter('Not sure');
    await ben.counter('No').clickIncrement(2);
    await expect(cleo.counter('No').value).toHaveText('2');
    await expect(cleo.counter('Not sure').value).toHaveText('0');
    await expect(screen.getByRole('group')).toHaveCount(3);
    for (const name of ['Yes', 'No', 'Not sure']) {
      const size = await measure(cleo.counter(name).value);
      expect(size.fits, `${name} fits its card`).toBe(true);
      expect(size.fontSize, `${name} is readable from across the room`).toBeGreaterThan(SCREEN.height * 0.2);
    }
    expect(await fitsTheScreen(screen)).toBe(true);
    // Side by side, together using most of the screen.
    const boxes = await screen
      .getByRole('group')
      .evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().toJSON() as DOMRect));
    const covered = boxes.reduce((area, box) => area + box.width * box.height, 0);
    expect(covered).toBeGreaterThan(SCREEN.width * SCREEN.height * 0.7);
    await expect(screen.getByRole('button')).toHaveCount(0);
    await expect(screen.getByRole('textbox')).toHaveCount(0);
  });

  await test.step('the display passes axe in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await screen.emulateMedia({ colorScheme });
      expect(await axeViolations(screen), `display mode, ${colorScheme}`).toEqual([]);
    }
  });
});
