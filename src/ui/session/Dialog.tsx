import { useEffect, useRef, type ReactNode } from 'react';
import './dialog.css';

/** A modal on the native <dialog>: focus stays inside, Escape and the backdrop close it. */
export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    const close = () => onClose();
    d?.addEventListener('close', close);
    return () => d?.removeEventListener('close', close);
  }, [onClose]);
  return (
    <dialog
      ref={ref}
      className={`lab-dialog${props.wide ? ' wide' : ''}`}
      aria-labelledby="lab-dialog-title"
      data-testid={props.testId}
      onClick={(e) => {
        if (e.target === ref.current) ref.current?.close();
      }}
      // The lab's shortcuts listen on window: inside a dialog, Space must press the focused
      // button and arrows must move the caret, not step the timeline behind it.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <div className="dlg-body">
        <header className="dlg-head">
          <h2 id="lab-dialog-title">{props.title}</h2>
          <button
            type="button"
            className="dlg-x"
            aria-label="Close dialog"
            onClick={() => ref.current?.close()}
          >
            ×
          </button>
        </header>
        {props.children}
      </div>
    </dialog>
  );
}
