import { Link } from '../app/Link';

/** A private board without a (valid) key. */
export function NoAccessPage() {
  return (
    <section className="message-page">
      <h1>No access</h1>
      <p>
        This board is private. Only people with its share link can open it: ask the owner to send it to you.
        If you had a link, it may be incomplete or its key may be wrong. Open the right link, here or in a new
        tab, and the board opens at once.
      </p>
      <Link href="/boards" className="button">
        Back to boards
      </Link>
    </section>
  );
}

/** An unknown board id (or one that was deleted). */
export function BoardNotFoundPage() {
  return (
    <section className="message-page">
      <h1>Board not found</h1>
      <p>There is no board at this address. Check the link, or pick a board from the list.</p>
      <Link href="/boards" className="button">
        Back to boards
      </Link>
    </section>
  );
}
