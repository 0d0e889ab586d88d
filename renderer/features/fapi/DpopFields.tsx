// The DPoP option (RFC 9449) in Advanced: the switch, the proofs' algorithm (empty: from the IdP's
// metadata), and the profile's key as main reports it (public parts only: algorithm and JWK
// thumbprint), with Rotate DPoP key. The private key never comes here.
import { useEffect, useId, useState } from 'react';
import { chooseDpopAlg, DPOP_ALGS, type DpopKeyInfo } from '../../../shared/dpop';
import { getApi } from '../../api';
import { CopyButton } from '../../components/CopyButton';
import { useFormStore } from '../../store/form-store';
import { useCurrentProfileId } from '../../store/profiles-store';
import { CheckboxField } from '../form/CheckboxField';

type KeyState = { status: 'loading' } | { status: 'ready'; key: DpopKeyInfo; note?: string } | { status: 'error'; message: string };

const failure = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function DpopFields() {
  const enabled = useFormStore((s) => s.settings.dpop);
  const dpopAlg = useFormStore((s) => s.settings.dpopAlg);
  const metadata = useFormStore((s) => s.settings.metadata);
  const setField = useFormStore((s) => s.setField);
  const profileId = useCurrentProfileId();
  const algId = useId();
  const choice = chooseDpopAlg({ dpopAlg, metadata });
  const alg = choice.ok ? choice.alg : null;
  // What the shown key is for: a state for another profile or algorithm reads as loading.
  const wanted = `${profileId ?? ''} ${alg ?? ''}`;
  const [answer, setAnswer] = useState<{ for: string; state: KeyState } | null>(null);
  const key: KeyState = answer?.for === wanted ? answer.state : { status: 'loading' };

  // The key for the profile and algorithm: made by main on first use, or when the algorithm changes.
  useEffect(() => {
    if (!enabled || alg === null) return;
    let current = true;
    getApi()
      .getDpopKey({ profileId, settings: useFormStore.getState().settings })
      .then(({ key: info }) => current && setAnswer({ for: wanted, state: { status: 'ready', key: info } }))
      .catch((err: unknown) => current && setAnswer({ for: wanted, state: { status: 'error', message: failure(err) } }));
    return () => {
      current = false;
    };
  }, [enabled, alg, profileId, wanted]);

  const rotate = async () => {
    try {
      const { key: info } = await getApi().rotateDpopKey({ profileId, settings: useFormStore.getState().settings });
      setAnswer({ for: wanted, state: { status: 'ready', key: info, note: 'A new DPoP key: tokens bound to the previous key no longer work with this profile; get new ones.' } });
    } catch (err) {
      setAnswer({ for: wanted, state: { status: 'error', message: failure(err) } });
    }
  };

  const supported = metadata?.metadata.dpop_signing_alg_values_supported;
  return (
    <div className="dpop-option">
      <CheckboxField
        field="dpop"
        label="DPoP"
        hint="RFC 9449: sender-constrained tokens. A DPoP proof signed with the profile's key goes on the token request, Refresh, UserInfo and Call API; the code is bound with dpop_jkt; the server's DPoP-Nonce challenges are answered with one retry."
      />
      {enabled && (
        <>
          <div className="field">
            <label htmlFor={algId}>Proof algorithm</label>
            <select id={algId} value={dpopAlg} onChange={(e) => setField('dpopAlg', e.target.value)}>
              <option value="">{supported ? `From the IdP's metadata (${choice.ok ? choice.alg : 'none usable'})` : 'Automatic (ES256)'}</option>
              {DPOP_ALGS.map((a) => (
                <option key={a} value={a} disabled={supported !== undefined && !supported.includes(a)}>
                  {a}
                </option>
              ))}
            </select>
            <p className="field-hint">
              {supported ? `dpop_signing_alg_values_supported: ${supported.join(', ')}.` : 'The IdP\'s metadata lists no dpop_signing_alg_values_supported (press Discover to read it); ES256 is the usual choice.'}
            </p>
            {!choice.ok && (
              <p className="field-errors" role="alert">
                {choice.reason}
              </p>
            )}
          </div>
          {alg !== null && <DpopKeyView state={key} unsaved={profileId === null} onRotate={() => void rotate()} />}
        </>
      )}
    </div>
  );
}

function DpopKeyView({ state, unsaved, onRotate }: { state: KeyState; unsaved: boolean; onRotate(): void }) {
  return (
    <div className="field dpop-key">
      {state.status === 'loading' && <p className="muted">Reading the profile's DPoP key…</p>}
      {state.status === 'error' && (
        <p className="field-errors" role="alert">
          DPoP key: {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <div className="token-value-head">
            <span className="group-title">JWK thumbprint</span>
            <CopyButton value={state.key.thumbprint} label="Copy JWK thumbprint" />
          </div>
          <code className="mono wrap" aria-label="JWK thumbprint">
            {state.key.thumbprint}
          </code>
          <p className="field-hint">
            {state.key.alg} key made {new Date(state.key.createdAt).toLocaleString()}.{' '}
            {state.key.ephemeral
              ? 'Unsaved profile: this key lives in memory for this app session only. Save the profile to keep a key in the OS keychain.'
              : 'Kept in the OS keychain with this profile; its private half never leaves the app\'s main process.'}
          </p>
          {state.note && <p role="status" className="muted">{state.note}</p>}
        </>
      )}
      {unsaved && state.status !== 'ready' && <p className="field-hint">Unsaved profile: an in-memory key for this app session is used.</p>}
      <button type="button" onClick={onRotate} disabled={state.status === 'loading'}>
        Rotate DPoP key
      </button>
    </div>
  );
}
