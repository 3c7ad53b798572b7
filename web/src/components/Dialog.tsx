// A modal dialog on the native <dialog> element (focus trapping and Escape come with it).
import { useEffect, useRef, type ReactNode } from "react";

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      onClose={onClose}
      className="card"
      style={{ width: "min(900px, 96vw)", maxHeight: "90vh", overflow: "auto", color: "var(--text)", background: "var(--surface)" }}
    >
      <div className="row">
        <h2 id="dialog-title" style={{ margin: 0 }}>
          {title}
        </h2>
        <span className="spacer" />
        <button onClick={() => ref.current?.close()} aria-label="Close dialog">
          ✕
        </button>
      </div>
      <div style={{ marginTop: 12 }}>{children}</div>
    </dialog>
  );
}
