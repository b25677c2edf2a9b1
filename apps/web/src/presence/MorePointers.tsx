import type { Pointer } from '@tally/client';
import { type CSSProperties, useEffect, useId, useRef, useState } from 'react';
import { initials, memberHue } from './member-color';

/**
 * "+N" on a crowded card, and the list of everyone pointing there: on hover, and on tap or Enter
 * (then it stays open until Escape, another tap on it, or a tap elsewhere).
 */
export default function MorePointers(props: { pointers: readonly Pointer[]; more: number }) {
  const { pointers, more } = props;
  // Opened by a hovering mouse (closes when it leaves) or pinned by a click, a tap or a key.
  const [open, setOpen] = useState<'hover' | 'pinned' | null>(null);
  const listId = useId();
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open !== 'pinned') return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a mouse hovering "+N" or its list keeps the list open; the button is the control.
    <span
      ref={root}
      className="markers-more"
      onPointerEnter={(event) => {
        if (event.pointerType === 'mouse') setOpen((was) => was ?? 'hover');
      }}
      onPointerLeave={() => setOpen((was) => (was === 'hover' ? null : was))}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || open === null) return;
        event.stopPropagation();
        setOpen(null);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        className="avatar avatar-small avatar-more"
        aria-label={`${more} more ${more === 1 ? 'person' : 'people'} pointing here`}
        aria-expanded={open !== null}
        aria-controls={open === null ? undefined : listId}
        onClick={() => setOpen((was) => (was === 'pinned' ? null : 'pinned'))}
      >
        +{more}
      </button>
      {open !== null && <PointerList id={listId} pointers={pointers} />}
    </span>
  );
}

/** Everyone pointing here, by name; those the member list does not name are counted at the end. */
function PointerList(props: { id: string; pointers: readonly Pointer[] }) {
  const named = props.pointers.filter((pointer) => pointer.name !== undefined);
  const unnamed = props.pointers.length - named.length;
  return (
    <div id={props.id} className="pointer-list">
      <p className="pointer-list-title">{props.pointers.length} pointing here</p>
      {/* Focusable: a long list scrolls, and the keyboard must be able to scroll it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region has to take focus to scroll by keyboard. */}
      <ul className="pointer-list-names" aria-label="People pointing here" tabIndex={0}>
        {named.map((pointer) => (
          <li key={pointer.clientId}>
            <span
              className="avatar avatar-small"
              aria-hidden="true"
              data-initials={initials(pointer.name ?? '')}
              style={{ '--hue': memberHue(pointer.clientId) } as CSSProperties}
            />
            <span className="pointer-list-name">{pointer.name}</span>
          </li>
        ))}
        {unnamed > 0 && (
          <li className="pointer-list-unnamed">
            {named.length > 0 ? `and ${unnamed} more` : `${unnamed} ${unnamed === 1 ? 'person' : 'people'}`}
          </li>
        )}
      </ul>
    </div>
  );
}
