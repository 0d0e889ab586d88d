// Notices from main (e.g. "a deep link with an unknown state was refused"), as banners the user dismisses;
// the store keeps the last few and folds repeats into one with a count.
import { useUiStore } from '../../store/ui-store';

export function NoticeBanners() {
  const notices = useUiStore((s) => s.notices);
  const dismiss = useUiStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} role={n.level === 'info' ? 'status' : 'alert'}>
          <span className="notice-time">{new Date(n.at).toLocaleTimeString()}</span>
          <span className="notice-message">
            {n.message}
            {n.count > 1 && <span className="notice-count"> (×{n.count})</span>}
          </span>
          <button type="button" className="link-button" aria-label={`Dismiss: ${n.message}`} onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
