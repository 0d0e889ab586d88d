// The saved profile's signing key: paste a private key (PEM or JWK) or Generate key, then register
// its public half with Copy public JWK Set; Remove key deletes it from the keychain. The pasted text
// goes to main once and is cleared here; afterwards this window only ever sees the public summary.
import { useEffect, useId, useState } from 'react';
import { DEFAULT_SIGNING_ALG, publicJwkSet, SIGNING_ALGS, type SigningAlg, type SigningKeySummary } from '../../../shared/signing-key';
import { useAppInfoStore } from '../../store/app-info-store';
import { useCurrentProfileId } from '../../store/profiles-store';
import { useSigningKeyStore } from './signing-key-store';

export function SigningKeyPanel() {
  const profileId = useCurrentProfileId();
  const keychainAvailable = useAppInfoStore((s) => s.info?.keychain.available !== false);
  const entry = useSigningKeyStore((s) => (profileId ? s.byProfile[profileId] : undefined));
  const load = useSigningKeyStore((s) => s.load);
  // Which profile's key is being replaced: switching profiles leaves replace mode by itself.
  const [replacingFor, setReplacingFor] = useState<string | null>(null);
  const replacing = replacingFor !== null && replacingFor === profileId;
  const setReplacing = (on: boolean) => setReplacingFor(on ? profileId : null);

  useEffect(() => {
    if (profileId && keychainAvailable) void load(profileId);
  }, [profileId, keychainAvailable, load]);

  let body;
  if (!profileId) {
    body = <p className="field-hint">The private key is kept in the OS keychain with a saved profile, never in a file: save this profile first (New… keeps the form as it is), then paste or generate its key here.</p>;
  } else if (!keychainAvailable) {
    body = <p className="field-hint">The OS keychain is not available, and the private key is kept nowhere else: see the keychain notice.</p>;
  } else if (entry?.key === undefined && !entry?.error) {
    body = <p className="muted small">Reading the keychain…</p>;
  } else if (entry?.key && !replacing) {
    body = <KeySummary profileId={profileId} summary={entry.key} onReplace={() => setReplacing(true)} />;
  } else {
    body = <KeyInput profileId={profileId} onDone={() => setReplacing(false)} onCancel={entry?.key ? () => setReplacing(false) : undefined} />;
  }
  return (
    <fieldset className="field signing-key">
      <legend>Signing key</legend>
      {body}
      {entry?.error && (
        <p className="field-errors" role="alert">
          {entry.error}
        </p>
      )}
    </fieldset>
  );
}

function KeySummary({ profileId, summary, onReplace }: { profileId: string; summary: SigningKeySummary; onReplace(): void }) {
  const remove = useSigningKeyStore((s) => s.remove);
  const busy = useSigningKeyStore((s) => s.busy);
  const [copied, setCopied] = useState<string | null>(null);
  const jwks = JSON.stringify(publicJwkSet(summary), null, 2);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(jwks);
      setCopied('Copied: register it as the client\u2019s JWK Set (jwks) at the IdP.');
    } catch {
      setCopied('Copy failed: select the JWK Set below and copy it by hand.');
    }
  };
  const rows: [string, string][] = [
    ['Algorithm', summary.alg],
    ['Key ID (kid)', summary.kid],
    ['Key type', summary.keyType],
    ['Thumbprint (SHA-256)', summary.thumbprint],
    ['Assertions to the issuer go only to', summary.boundOrigins.length > 0 ? summary.boundOrigins.join(', ') : 'no endpoint (save the profile with its URLs, then add the key again)'],
    [summary.source === 'generated' ? 'Generated' : 'Added', new Date(summary.savedAt).toLocaleString()],
  ];
  return (
    <>
      <p className="field-hint">In the OS keychain with this profile; only the public half below ever leaves the app.</p>
      <table className="params" aria-label="Signing key">
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="field-inline">
        <button type="button" onClick={() => void copy()}>
          Copy public JWK Set
        </button>
        <button type="button" onClick={onReplace}>
          Replace key
        </button>
        <button type="button" disabled={busy} onClick={() => void remove(profileId)}>
          Remove key
        </button>
      </div>
      {copied && (
        <p role="status" className="muted small">
          {copied}
        </p>
      )}
      <details>
        <summary>Public JWK Set</summary>
        <pre className="mono json" aria-label="Public JWK Set">
          {jwks}
        </pre>
      </details>
    </>
  );
}

function KeyInput({ profileId, onDone, onCancel }: { profileId: string; onDone(): void; onCancel: (() => void) | undefined }) {
  const save = useSigningKeyStore((s) => s.save);
  const generate = useSigningKeyStore((s) => s.generate);
  const busy = useSigningKeyStore((s) => s.busy);
  const [privateKey, setPrivateKey] = useState('');
  const [alg, setAlg] = useState<SigningAlg | ''>('');
  const [kid, setKid] = useState('');
  const id = useId();

  const submit = async () => {
    if (await save(profileId, { privateKey, alg, kid })) {
      setPrivateKey(''); // kept by main now; not a moment longer here
      onDone();
    }
  };
  const make = async () => {
    if (await generate(profileId, { alg: alg || DEFAULT_SIGNING_ALG, kid })) {
      setPrivateKey('');
      onDone();
    }
  };
  return (
    <>
      <label htmlFor={`${id}-key`}>Private key (PEM or JWK)</label>
      <textarea
        id={`${id}-key`}
        className="mono"
        rows={5}
        value={privateKey}
        autoComplete="off"
        spellCheck={false}
        placeholder={'-----BEGIN PRIVATE KEY-----\u2026  or  {"kty": "EC", "d": \u2026}'}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setPrivateKey(e.target.value)}
      />
      <p id={`${id}-hint`} className="field-hint">
        PKCS#8, &quot;RSA PRIVATE KEY&quot; or &quot;EC PRIVATE KEY&quot; PEM (unencrypted), or a private JWK. It goes to the OS keychain, never to a file, and is not shown again. Or Generate key: a new key pair ({DEFAULT_SIGNING_ALG} unless you choose an algorithm), whose public JWK Set you then register at the IdP.
      </p>
      <div className="field-inline">
        <label htmlFor={`${id}-alg`}>Algorithm</label>
        <select id={`${id}-alg`} value={alg} onChange={(e) => setAlg(e.target.value as SigningAlg | '')}>
          <option value="">From the key</option>
          {SIGNING_ALGS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-kid`}>Key ID (kid)</label>
        <input id={`${id}-kid`} type="text" className="mono" value={kid} placeholder="Empty: from the JWK, else its thumbprint" onChange={(e) => setKid(e.target.value)} />
      </div>
      <div className="field-inline">
        <button type="button" disabled={busy || privateKey.trim() === ''} onClick={() => void submit()}>
          Save key
        </button>
        <button type="button" disabled={busy} onClick={() => void make()}>
          Generate key
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            Keep the current key
          </button>
        )}
      </div>
    </>
  );
}
