import { useState } from 'react';

/**
 * A destructive action that asks once more in place ("Remove" → "Yes, remove" / "Cancel"),
 * without a modal dialog that would take over the page on a shared screen.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  disabled,
  describedBy,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  describedBy?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--quiet" disabled={disabled} aria-describedby={describedBy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label}>
      <button
        type="button"
        className="button button--danger"
        autoFocus
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button--quiet" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
