// A token action's button: disabled with its reason as the tooltip (on a wrapper too, since some
// browsers show no tooltip for a disabled button) and as its accessible description.
import { useId } from 'react';
import type { Availability } from './action-availability';

export function ActionButton({ label, availability, busy, onClick }: { label: string; availability: Availability; busy: boolean; onClick(): void }) {
  const reasonId = useId();
  const reason = availability.enabled ? undefined : availability.reason;
  return (
    <span className="action-button" title={reason}>
      <button type="button" disabled={!availability.enabled || busy} title={reason} aria-describedby={reason ? reasonId : undefined} onClick={onClick}>
        {label}
      </button>
      {reason && (
        <span id={reasonId} className="visually-hidden">
          {reason}
        </span>
      )}
    </span>
  );
}
