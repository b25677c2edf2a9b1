import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

const markup = '<img src=x onerror=alert(1)>';

test("chat: Ana's message appears once in every tab on the board, as text that runs nothing", async ({
  api,
  ana,
  ben,
  cleo,
}) => {
  // A dialog in any tab fails the test (see ConsoleGuard): alert(1) must never run.
  const board = await seedBoard(api, { label: 'Story 7', counters: [{ name: 'Count' }] });
  const everyone = [ana, ben, cleo];
  for (const person of everyone) await person.open(board.path);

  await ana.sendChat(markup);
  // Ben's reply comes after Ana's message on every socket: once it shows, a duplicate would have too.
  await expect(ben.chat.getByText(markup)).toBeVisible();
  await ben.sendChat('Nice try');
  for (const person of everyone) {
    await expect(person.chat.getByText('Nice try')).toBeVisible();
    await expect(person.chat.getByText(markup)).toHaveCount(1);
    await expect(person.chat.getByText(markup)).toHaveText(markup);
    await expect(person.chat.locator('img')).toHaveCount(0);
  }
});
