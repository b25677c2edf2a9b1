import type { Counter, ProtocolError } from '@tally/events';

/** What the user tried to do, for wording an error. */
export type UserAction =
  | 'increment'
  | 'reset'
  | 'undo'
  | 'rename'
  | 'configure'
  | 'delete'
  | 'create'
  | 'chat'
  | 'export'
  | 'import';

/** The counter an action was about, as far as it is known (its limits word an `out_of_range`). */
export type CounterRef = Pick<Counter, 'name'> & Partial<Pick<Counter, 'value' | 'min' | 'max'>>;

const OWNER_ONLY: Partial<Record<UserAction, string>> = {
  reset: 'Only the board owner can reset counters.',
  rename: 'Only the board owner can rename counters.',
  delete: 'Only the board owner can delete counters.',
  configure: 'Only the board owner can change counter settings.',
  export: 'Only the board owner can export the board.',
  undo: 'You can undo only your own clicks, and only within 10 minutes.',
};

/** The toast a user reads when an action was refused for good (its optimistic effect is rolled back). */
export function describeFailure(action: UserAction, error: ProtocolError, counter?: CounterRef): string {
  const subject = counter === undefined ? 'the counter' : `“${counter.name}”`;
  switch (error.code) {
    case 'forbidden':
      return OWNER_ONLY[action] ?? 'You are not allowed to do that on this board.';
    case 'not_found':
      if (action === 'undo') return 'That click is too old to undo.';
      return action === 'chat' || action === 'export'
        ? 'This board no longer exists.'
        : `${capitalize(subject)} no longer exists.`;
    case 'out_of_range':
      return outOfRange(action, subject, counter);
    case 'invalid_payload':
      if (action === 'import') return 'This file is not a Tally board snapshot.';
      if (action === 'undo') return 'Only clicks can be undone.';
      if (action === 'configure' || action === 'create')
        return 'Check the limits: the minimum must not be greater than the maximum.';
      return `${ACTION_LABEL[action]} failed: ${error.message}`;
    case 'limit_reached':
      return 'This board already has the most counters it can hold (200).';
    case 'rate_limited':
      return 'Slow down a little: the server is limiting how fast you can send.';
    case 'unavailable':
      return 'The server is not reachable right now. Try again in a moment.';
    case 'not_joined':
      return 'You are not on this board any more. Reload the page to join it again.';
    default:
      return `${ACTION_LABEL[action]} failed: ${error.message}`;
  }
}

function outOfRange(action: UserAction, subject: string, counter: CounterRef | undefined): string {
  if (action === 'configure') {
    const now = counter?.value === undefined ? '' : ` (it is ${counter.value})`;
    return `${capitalize(subject)} is outside those limits${now}: change its value first.`;
  }
  if (action === 'create') return 'The counter would start outside its own limits.';
  const min = counter?.min ?? null;
  const max = counter?.max ?? null;
  const range =
    min !== null && max !== null
      ? `must stay between ${min} and ${max}`
      : min !== null
        ? `cannot go below ${min}`
        : max !== null
          ? `cannot go above ${max}`
          : 'cannot go past ±9,007,199,254,740,991';
  return `${capitalize(subject)} ${range}, so that change was undone.`;
}

const ACTION_LABEL: Record<UserAction, string> = {
  increment: 'Your click',
  reset: 'Reset',
  undo: 'Undo',
  rename: 'Rename',
  configure: 'Saving the settings',
  delete: 'Delete',
  create: 'Adding the counter',
  chat: 'Sending the message',
  export: 'Exporting the board',
  import: 'Importing the board',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
