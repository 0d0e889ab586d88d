// The one keychain notice: a line in the sidebar when the OS keychain cannot be used, with the cause
// and the fix for this platform behind "Why, and how to fix". The form only says what it means for
// the secret typed there.
import { useAppInfoStore } from '../../store/app-info-store';

export function KeychainNotice() {
  const keychain = useAppInfoStore((s) => s.info?.keychain);
  if (!keychain || keychain.available) return null;
  return (
    <details className="keychain-warning" aria-label="Keychain unavailable">
      <summary>
        <span>Keychain unavailable: secrets not kept</span>
        <span className="disclosure-label">Why, and how to fix</span>
      </summary>
      <p className="keychain-reason">{keychain.reason ?? 'The OS keychain cannot be reached.'}</p>
    </details>
  );
}
