import type { Page, TestInfo } from '@playwright/test';
import type { Counter } from '@tally/events';
import { axeViolations } from '../fixtures/axe.js';
import { crowdOnBoard, holdOwnerKey, MemberSocket, type NewCounter } from '../fixtures/member-socket.js';
import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

// Thirty cards, fifty members, four widths and several axe passes: a long story on two busy cores.
test.describe.configure({ timeout: 150_000 });

const MAX = Number.MAX_SAFE_INTEGER;
const WIDTHS = [375, 768, 1280, 1920] as const;
const NAME_LENGTH = 64;

/** A 64-character name: words, or (every fifth) one unbroken word that no card is wide enough for. */
function counterName(index: number): string {
  const number = String(index + 1).padStart(2, '0');
  const text =
    index % 5 === 4
      ? `N${number}Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenkassenbuch`
      : `No ${number} visitors through the north entrance of the exhibition hall tonight`;
  return text.slice(0, NAME_LENGTH).trimEnd().padEnd(NAME_LENGTH, 'x');
}

/** The thirty counters: the biggest and smallest values there are, small ones, and bounds and goals on some. */
const COUNTERS: NewCounter[] = Array.from({ length: 30 }, (_, index) => {
  const name = counterName(index);
  switch (index % 6) {
    case 0:
      return { name, value: MAX, goal: MAX };
    case 1:
      return { name, value: -MAX, min: -MAX, max: MAX, step: 1_000, goal: -MAX };
    case 2:
      // A door at capacity.
      return { name, value: 250, min: 0, max: 250, step: 5, goal: 200 };
    case 3:
      return { name, value: -MAX };
    case 4:
      return { name, value: index };
    default:
      return { name, value: 1_234_567, goal: 9_999_999 };
  }
});

const FIRST_NAMES = ['Ana', 'Alex', 'Ben', 'Bea', 'Cleo', 'Carl', 'Dana', 'Dev', 'Eli', 'Emma'];
const LAST_NAMES = ['Lima', 'Okafor', 'Novak', 'Singh', 'Moreau'];
/** Fifty members, some sharing a first name or initials. */
const CROWD = Array.from({ length: 50 }, (_, index) => {
  const first = FIRST_NAMES[index % FIRST_NAMES.length];
  const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length)];
  return `${first} ${last}`;
});
/** How many of the crowd point at which counter (by index): the rest of the cards have nobody. */
const POINTING = [
  [0, 20],
  [1, 12],
  [2, 8],
  [3, 4],
  [4, 3],
  [29, 3],
] as const;

/**
 * What is wrong with the cards' layout at the page's current width: the page scrolling sideways,
 * a part of a card outside it, a word of a name or a value or a small line broken over two lines.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      // Named by the innermost elements past the right edge, which are the ones pushing it.
      const past = [...document.body.querySelectorAll('*')].filter(
        (element) =>
          element.getBoundingClientRect().right > root.clientWidth &&
          ![...element.children].some((child) => child.getBoundingClientRect().right > root.clientWidth),
      );
      const names = past.slice(0, 3).map((element) => `<${element.localName} class="${element.className}">`);
      problems.push(
        `the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth}): ${names.join(', ')}`,
      );
    }
    /** How many lines these pieces of text take (their boxes' tops, a few pixels apart at most on one line). */
    const linesOf = (pieces: Array<[Node, number, number]>) => {
      const tops: number[] = [];
      for (const [node, start, end] of pieces) {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        for (const rect of range.getClientRects()) {
          if (!tops.some((top) => Math.abs(top - rect.top) < 4)) tops.push(rect.top);
        }
      }
      return tops.length;
    };
    /** The text nodes shown in an element: not those only for screen readers (drawn as 1 px). */
    const shownText = (element: Element) => {
      const texts: Text[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
        if ((text.parentElement?.getBoundingClientRect().width ?? 0) > 1) texts.push(text as Text);
      }
      return texts;
    };
    const cards = [...document.querySelectorAll<HTMLElement>('[role="group"]')].filter((card) =>
      card.querySelector('output'),
    );
    for (const card of cards) {
      const name = card.querySelector('h2')?.textContent ?? '(no heading)';
      const box = card.getBoundingClientRect();
      for (const part of card.querySelectorAll<HTMLElement>('button, output, h2, [role="progressbar"]')) {
        const rect = part.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5 || rect.bottom > box.bottom + 0.5) {
          problems.push(
            `${name}: ${part.getAttribute('aria-label') ?? part.textContent} sticks out of its card`,
          );
        }
      }
      for (const text of shownText(card.querySelector('h2') ?? card)) {
        for (const word of text.data.matchAll(/\S+/g)) {
          if (linesOf([[text, word.index, word.index + word[0].length]]) > 1) {
            problems.push(`${name}: the word "${word[0]}" is broken over two lines`);
          }
        }
      }
      for (const line of card.querySelectorAll('output, p, [role="progressbar"] + span')) {
        const texts = shownText(line);
        if (linesOf(texts.map((text): [Node, number, number] => [text, 0, text.length])) > 1) {
          problems.push(`${name}: "${line.textContent}" takes more than one line`);
        }
      }
    }
    return problems;
  });
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('a crowded board: 30 cards with long names and huge values, 50 members pointing, at 375 to 1920 px; the owner deletes safely', async ({
  api,
  appURL,
  ana,
  ben,
}, testInfo) => {
  const created = await api.createBoard(uniqueBoardName('Story 18'));
  const board = { id: created.board.id, name: created.board.name, ownerKey: created.ownerKey };
  const owner = await MemberSocket.connect(appURL, 'Setup');
  const counters: Counter[] = [];
  try {
    await owner.join(board.id, board.ownerKey);
    for (const counter of COUNTERS) counters.push(await owner.createCounter(board.id, counter));
  } finally {
    owner.close();
  }

  // Ana owns the board (her browser holds its owner key, as if she had created it there).
  await holdOwnerKey(ana.page, board);
  await ana.open(`/b/${board.id}`);
  const crowded = ana.counter(counterName(0));
  await expect(crowded.options).toBeVisible();
  await expect(ana.counter(counterName(29)).value).toBeVisible();

  let crowd: MemberSocket[] = [];
  try {
    await test.step('fifty members arrive and point at counters', async () => {
      crowd = await crowdOnBoard(appURL, board.id, CROWD);
      let next = 0;
      for (const [counterIndex, count] of POINTING) {
        const counterId = counters[counterIndex]?.id ?? null;
        for (const member of crowd.slice(next, next + count)) member.point(board.id, counterId);
        next += count;
      }
      await expect(ana.hereNow).toHaveText('51 online');
      await expect(crowded.root.getByRole('button', { name: '17 more people pointing here' })).toBeVisible();
      await expect(crowded.root.getByRole('img', { name: / is pointing here$/ })).toHaveCount(3);
      const three = ana.counter(counterName(4));
      await expect(three.root.getByRole('img', { name: / is pointing here$/ })).toHaveCount(3);
      await expect(three.root.getByRole('button', { name: /more/ })).toHaveCount(0);
    });

    for (const width of WIDTHS) {
      await test.step(`at ${width} px: no sideways scroll, every card's parts inside it, no word broken`, async () => {
        await ana.page.setViewportSize({ width, height: width < 500 ? 812 : 1080 });
        await expect(
          crowded.root.getByRole('button', { name: '17 more people pointing here' }),
        ).toBeVisible();
        expect(await layoutProblems(ana.page)).toEqual([]);
      });
    }

    await test.step('"+17" lists everyone pointing there, on a tap, until Escape; the phone still does not scroll sideways', async () => {
      await ana.page.setViewportSize({ width: 375, height: 812 });
      const more = crowded.root.getByRole('button', { name: '17 more people pointing here' });
      await more.click();
      await expect(more).toHaveAttribute('aria-expanded', 'true');
      const list = crowded.root.getByRole('list', { name: 'People pointing here' });
      await expect(list.getByRole('listitem')).toHaveCount(20);
      expect((await list.getByRole('listitem').allTextContents()).sort()).toEqual(CROWD.slice(0, 20).sort());
      expect(
        await ana.page.evaluate(
          () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        ),
      ).toBe(true);
      await screenshot(ana.page, testInfo, 'pointer-list-375-light');
      await ana.page.keyboard.press('Escape');
      await expect(list).toHaveCount(0);
      await expect(more).toBeFocused();
    });

    await test.step('the crowded board passes axe, and looks right, light and dark, on a phone and a big screen', async () => {
      await ana.page.mouse.move(0, 0);
      for (const colorScheme of ['light', 'dark'] as const) {
        await ana.page.emulateMedia({ colorScheme });
        for (const width of [375, 1920]) {
          await ana.page.setViewportSize({ width, height: width < 500 ? 812 : 1080 });
          await crowded.root.scrollIntoViewIfNeeded();
          await screenshot(ana.page, testInfo, `crowded-${width}-${colorScheme}`);
        }
        expect(await axeViolations(ana.page), `crowded board, ${colorScheme}`).toEqual([]);
      }
      await ana.page.emulateMedia({ colorScheme: 'light' });
    });

    await test.step('Ben, a member, sees no owner action on any card', async () => {
      await ben.open(`/b/${board.id}`);
      await expect(ben.counter(counterName(29)).value).toBeVisible();
      await expect(ana.page.getByRole('button', { name: 'Counter options' })).toHaveCount(COUNTERS.length);
      await expect(ben.page.getByRole('button', { name: 'Counter options' })).toHaveCount(0);
    });

    await test.step('Ben clicks + and leaves the mouse there: Ana sees him point, until he has been idle a few seconds', async () => {
      const bensCounter = ben.counter(counterName(5));
      await bensCounter.increment.click();
      const bensMarker = ana.counter(counterName(5)).pointer('Ben');
      await expect(bensMarker).toBeVisible();
      // POINTING_IDLE_MS (5 s) after his click, with nothing more from him.
      await expect(bensMarker).toHaveCount(0, { timeout: 10_000 });
      await expect(bensCounter.increment).toBeFocused();
    });

    await test.step('on the keyboard, a card says that + and − count', async () => {
      const bensCounter = ben.counter(counterName(5));
      await ben.page.keyboard.press('Shift+Tab');
      await expect(bensCounter.decrement).toBeFocused();
      await expect(bensCounter.root.getByText('Keys + and −')).toBeVisible();
      await expect(bensCounter.increment).toHaveAttribute('aria-keyshortcuts', 'Plus');
      await ben.page.keyboard.press('+');
      await expect(bensCounter.value).toHaveText('1,234,569');
      await screenshot(ben.page, testInfo, 'key-hint-1280-light');
    });

    await test.step('Ana deletes a counter: she is asked first, naming it and its value; Cancel and Escape keep it', async () => {
      await ana.page.setViewportSize({ width: 1280, height: 900 });
      const door = ana.counter(counterName(2));
      const dialog = ana.page.getByRole('alertdialog');
      await door.chooseOption('Delete');
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAccessibleName(`Delete “${counterName(2)}”?`);
      await expect(dialog).toContainText('Its count of 250 goes with it');
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      expect(await axeViolations(ana.page), 'delete dialog').toEqual([]);
      await screenshot(ana.page, testInfo, 'delete-dialog-1280-light');
      await ana.page.emulateMedia({ colorScheme: 'dark' });
      expect(await axeViolations(ana.page), 'delete dialog, dark').toEqual([]);
      await screenshot(ana.page, testInfo, 'delete-dialog-1280-dark');
      await ana.page.emulateMedia({ colorScheme: 'light' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(door.options).toBeFocused();

      await door.chooseOption('Delete');
      await expect(dialog).toBeVisible();
      await ana.page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(door.options).toBeFocused();
      await expect(door.value).toHaveText('250');
      expect((await api.board(board.id)).counters).toHaveLength(COUNTERS.length);
    });

    await test.step('Ana confirms: the counter is gone for everyone, and Ben is told', async () => {
      const door = ana.counter(counterName(2));
      await door.chooseOption('Delete');
      await ana.page.getByRole('alertdialog').getByRole('button', { name: 'Delete counter' }).click();
      await expect(door.root).toHaveCount(0);
      await expect(ben.counter(counterName(2)).root).toHaveCount(0);
      await expect(
        ben.page.getByRole('status').filter({ hasText: `“${counterName(2)}” was deleted` }),
      ).toBeVisible();
      await expect(ana.page.getByText(`“${counterName(2)}” was deleted`)).toHaveCount(0);
      await expect
        .poll(async () => (await api.board(board.id)).counters.map((counter) => counter.name))
        .not.toContain(counterName(2));
    });
  } finally {
    for (const member of crowd) member.close();
  }
});
