/** What shows while the chat's code loads: the same panel, its title in place. */
export function ChatPanelLoading() {
  return (
    <section className="panel chat" aria-labelledby="chat-title" aria-busy="true">
      <h2 id="chat-title" className="panel-title">
        Chat
      </h2>
      <p className="empty">Loading the chat…</p>
    </section>
  );
}
