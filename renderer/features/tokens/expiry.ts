// "59:12 left" / "1:02:03 left" / "expired 3 min ago": how long a token has, from expires_in
// (counted from when the response arrived) or a JWT's exp.

export function expiresAtMs(receivedAt: string, expiresIn: number): number {
  return new Date(receivedAt).getTime() + expiresIn * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatTimeLeft(expiresAt: number, now: number): string {
  const diff = Math.round((expiresAt - now) / 1000);
  if (diff > 0) {
    const h = Math.floor(diff / 3600);
    const m = Math.floor((diff % 3600) / 60);
    const s = diff % 60;
    return h > 0 ? `${h}:${pad(m)}:${pad(s)} left` : `${m}:${pad(s)} left`;
  }
  const ago = -diff;
  if (ago < 60) return `expired ${ago} s ago`;
  if (ago < 3600) return `expired ${Math.floor(ago / 60)} min ago`;
  if (ago < 86_400) return `expired ${Math.floor(ago / 3600)} h ago`;
  return `expired ${Math.floor(ago / 86_400)} d ago`;
}
