// Shown instead of the app when main cannot be reached: nothing in the form or the sidebar could
// work, so one screen says what is wrong and how to get in. In browser mode that is nearly always a
// tab opened without the token that `npm run web` prints (or a token from an earlier start).

interface ConnectionGateProps {
  /** Why the first call to main failed, as the transport said it. */
  reason: string;
  /** Browser mode (the page reaches main over HTTP), as opposed to the desktop app. */
  browserMode: boolean;
}

export function ConnectionGate({ reason, browserMode }: ConnectionGateProps) {
  return (
    <main className="connection-gate">
      <section className="gate-card" role="alert" aria-labelledby="gate-title">
        <h2 id="gate-title">{browserMode ? 'Open PKCE Inspector from the link it printed' : 'PKCE Inspector cannot reach its main process'}</h2>
        <p className="gate-reason">{reason}</p>
        {browserMode ? (
          <>
            <p>To get in:</p>
            <ol className="gate-steps">
              <li>
                In the project folder, run <code>npm run web</code> (or find the terminal where it is running).
              </li>
              <li>
                Open the URL it prints, with its token: <code>http://127.0.0.1:&lt;port&gt;/#token=…</code>
              </li>
            </ol>
            <p className="muted small">
              The token is new each time browser mode starts and stays with the tab it was opened in: after a restart, or in another tab, open the printed URL again.
            </p>
          </>
        ) : (
          <p>Restart the app. If this happens again, start it from a terminal to see why.</p>
        )}
      </section>
    </main>
  );
}
