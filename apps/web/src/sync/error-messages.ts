import type { ProtocolError } from '@tally/events';

/** What the user tried to do, for wording an error. */
export type UserAction = 'increment' | 'reset' | 'rename' | 'delete' | 'create' | 'chat';

const OWNER_ONLY: Partial<Record<UserAction, string>> = {
  reset: 'Only the board owner can reset counters.',
  rename: 'Only the board owner can rename counters.',
  delete: 'Only the board owner can delete counters.',
};

/** The toast a user reads when an action was refused for good (its optimistic effect is rolled back). */
export function describeFailure(action: UserAction, error: ProtocolError, counterName?: string): string {
  const subject = counterName === undefined ? 'the counter' : `“${counterName}”`;
  switch (error.code) {
    case 'forbidden':
      return OWNER_ONLY[action] ?? 'You are not allowed to do that on this board.';
    case 'not_found':
      return action === 'chat' ? 'This board no longer exists.' : `${capitalize(subject)} no longer exists.`;
    case 'out_of_range':
      return `${capitalize(subject)} cannot go past ±9,007,199,254,740,991, so that change was undone.`;
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

const ACTION_LABEL: Record<UserAction, string> = {
  increment: 'Your click',
  reset: 'Reset',
  rename: 'Rename',
  delete: 'Delete',
  create: 'Adding the counter',
  chat: 'Sending the message',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
