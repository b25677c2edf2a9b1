/** What shows while a side panel's code loads: the same panel, its title in place. */
export function PanelLoading(props: { className: string; titleId: string; title: string; text: string }) {
  return (
    <section className={`panel ${props.className}`} aria-labelledby={props.titleId} aria-busy="true">
      <h2 id={props.titleId} className="panel-title">
        {props.title}
      </h2>
      <p className="empty">{props.text}</p>
    </section>
  );
}
