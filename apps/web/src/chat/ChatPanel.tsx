import type { ChatMessage } from '@tally/events';
import { type CSSProperties, type FormEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { timeOfDay } from '../app/time-formats';
import { memberHue } from '../presence/member-color';
import './chat.css';
import { newMessagesLabel } from './chat-scroll';
import { type ChatHistory, useChatHistory } from './useChatHistory';
import { useSendChat } from './useSendChat';
import { useStickToBottom } from './useStickToBottom';

/**
 * The board's side chat. Text is rendered as text by React, never as HTML. A viewer reads it only.
 * The log follows new messages while the reader is at its end; up in it, a pill counts them.
 * Loaded apart from the first screen (see BoardPage): the counters come first.
 */
const ChatPanel = memo(function ChatPanel(props: {
  boardId: string;
  messages: readonly ChatMessage[];
  selfId: string;
  readOnly?: boolean;
}) {
  const { boardId, selfId, readOnly = false } = props;
  const [draft, setDraft] = useState('');
  const send = useSendChat(boardId);
  const history = useChatHistory(boardId, props.messages);
  const { messages, status } = history;
  const paging = status === 'loading' || status === 'settling';
  const scroll = useStickToBottom(messages, selfId, paging);

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    setDraft('');
    // Writing joins the conversation at its end, and the log follows it again.
    scroll.jumpToBottom();
    void send(text).then((sent) => {
      // Refused: the text comes back, unless the user has started another message meanwhile.
      if (!sent) setDraft((current) => (current === '' ? text : current));
    });
  }

  const { logRef } = scroll;
  const focusLog = useCallback(() => logRef.current?.focus({ preventScroll: true }), [logRef]);

  function showNewMessages(): void {
    scroll.jumpToBottom();
    // The pill goes away; focus stays in the chat rather than falling back to the page.
    focusLog();
  }

  return (
    <section className="panel chat" aria-labelledby="chat-title">
      <h2 id="chat-title" className="panel-title">
        Chat
      </h2>
      <div className="chat-box">
        {/* The log is the scroll box around the list: on the <ol> itself, role="log" would replace its list role. */}
        {/* Quiet while a page of older messages goes in: a log announces what is added, and those are not news. */}
        <div
          className="chat-log"
          role="log"
          aria-label="Chat"
          aria-live={paging ? 'off' : undefined}
          aria-busy={paging || undefined}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take focus, or the keyboard cannot scroll it.
          tabIndex={0}
          ref={scroll.logRef}
          onScroll={scroll.onScroll}
        >
          {messages.length === 0 ? (
            <p className="empty">No messages yet. Say hi!</p>
          ) : (
            <>
              <EarlierMessages
                history={history}
                onLoad={() => {
                  scroll.keepPosition();
                  history.loadEarlier();
                }}
                onGone={focusLog}
              />
              {/* biome-ignore lint/a11y/noRedundantRoles: an <ol> styled without numbers loses its list role in Safari. */}
              <ol className="chat-messages" role="list">
                {messages.map((message) => (
                  <li
                    key={message.id}
                    data-message-id={message.id}
                    className={message.clientId === selfId ? 'chat-message own' : 'chat-message'}
                  >
                    <span className="chat-meta">
                      <span
                        className="chat-name"
                        style={{ '--hue': memberHue(message.clientId) } as CSSProperties}
                      >
                        {message.name}
                      </span>
                      <time dateTime={new Date(message.at).toISOString()}>
                        {timeOfDay.format(message.at)}
                      </time>
                    </span>
                    <span className="chat-text">{message.text}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
        {scroll.unread > 0 && (
          <button type="button" className="chat-new-messages" onClick={showNewMessages}>
            {newMessagesLabel(scroll.unread)} <span aria-hidden="true">↓</span>
          </button>
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

export default ChatPanel;

/**
 * The top of the log: "Load earlier messages" while there may be any, then where the chat starts.
 * The button stays focusable while loading (aria-disabled, not disabled), so that focus is not
 * dropped; when it goes away for good, focus moves to the log (`onGone`).
 */
function EarlierMessages(props: { history: ChatHistory; onLoad(): void; onGone(): void }) {
  const { history, onLoad, onGone } = props;
  const focused = useRef(false);
  const gone = history.reachedStart || !history.hasEarlier;
  useEffect(() => {
    if (gone && focused.current) {
      focused.current = false;
      onGone();
    }
  }, [gone, onGone]);
  if (history.reachedStart) return <p className="chat-start">No earlier messages</p>;
  if (!history.hasEarlier) return null;
  const loading = history.status === 'loading';
  return (
    <div className="chat-earlier">
      <button
        type="button"
        className="link-button"
        aria-busy={loading}
        aria-disabled={loading}
        onClick={onLoad}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
        }}
      >
        {loading ? 'Loading…' : 'Load earlier messages'}
      </button>
      {history.status === 'error' && <p className="hint">Earlier messages cannot be loaded right now.</p>}
    </div>
  );
}
