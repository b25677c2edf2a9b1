import type { ChatMessage } from '@tally/events';
import { type CSSProperties, type FormEvent, memo, useEffect, useRef, useState } from 'react';
import { memberHue } from '../presence/member-color';
import { useSendChat } from './useSendChat';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The board's side chat. Text is rendered as text by React, never as HTML. A viewer reads it only. */
export const ChatPanel = memo(function ChatPanel(props: {
  boardId: string;
  messages: readonly ChatMessage[];
  selfId: string;
  readOnly?: boolean;
}) {
  const { boardId, messages, selfId, readOnly = false } = props;
  const [draft, setDraft] = useState('');
  const send = useSendChat(boardId);
  const logRef = useRef<HTMLDivElement>(null);
  const lastId = messages.at(-1)?.id;

  useEffect(() => {
    // Follow new messages, like any chat; runs when the last message changes.
    if (lastId !== undefined) logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [lastId]);

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    setDraft('');
    void send(text).then((sent) => {
      // Refused: the text comes back, unless the user has started another message meanwhile.
      if (!sent) setDraft((current) => (current === '' ? text : current));
    });
  }

  return (
    <section className="panel chat" aria-labelledby="chat-title">
      <h2 id="chat-title" className="panel-title">
        Chat
      </h2>
      {/* The log is the scroll box around the list: on the <ol> itself, role="log" would replace its list role. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take focus, or the keyboard cannot scroll it. */}
      <div className="chat-log" role="log" aria-label="Chat" tabIndex={0} ref={logRef}>
        {messages.length === 0 ? (
          <p className="empty">No messages yet. Say hi!</p>
        ) : (
          // biome-ignore lint/a11y/noRedundantRoles: an <ol> styled without numbers loses its list role in Safari.
          <ol className="chat-messages" role="list">
            {messages.map((message) => (
              <li
                key={message.id}
                className={message.clientId === selfId ? 'chat-message own' : 'chat-message'}
              >
                <span className="chat-meta">
                  <span
                    className="chat-name"
                    style={{ '--hue': memberHue(message.clientId) } as CSSProperties}
                  >
                    {message.name}
                  </span>
                  <time dateTime={new Date(message.at).toISOString()}>{timeFormat.format(message.at)}</time>
                </span>
                <span className="chat-text">{message.text}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      {readOnly ? (
        <p className="hint chat-readonly">View only: you can read the chat, not write in it.</p>
      ) : (
        <form className="chat-form" onSubmit={handleSubmit}>
          <input
            className="input"
            aria-label="Message"
            placeholder="Write a message…"
            value={draft}
            maxLength={500}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button" disabled={draft.trim() === ''}>
            Send
          </button>
        </form>
      )}
    </section>
  );
});
