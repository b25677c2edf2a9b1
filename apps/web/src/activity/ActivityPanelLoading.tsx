/** What shows while the panel's code loads: the same panel, its title in place. */
export function ActivityPanelLoading() {
  return (
    <section className="panel activity" aria-labelledby="activity-title" aria-busy="true">
      <h2 id="activity-title" className="panel-title">
        Activity
      </h2>
      <p className="empty">Loading activity…</p>
    </section>
  );
}
