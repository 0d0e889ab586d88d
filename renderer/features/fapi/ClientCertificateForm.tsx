// Adding a client certificate: a PEM certificate (chain) and private key, pasted or chosen as files,
// or a PKCS#12 file with its password. Sent to main once (Save certificate), which checks it and keeps
// it in the keychain; the key and passwords are then cleared from this window.
import { useState } from 'react';
import type { ClientCertificateInput, ClientCertificateSummary } from '../../../shared/mtls';
import { getApi } from '../../api';
import { readFileBase64, readFileText, splitPemBundle } from './read-certificate-file';

interface ClientCertificateFormProps {
  profileId: string;
  onSaved(summary: ClientCertificateSummary): void;
  onCancel?: () => void;
}

type Format = ClientCertificateInput['format'];

export function ClientCertificateForm({ profileId, onSaved, onCancel }: ClientCertificateFormProps) {
  const [format, setFormat] = useState<Format>('pem');
  const [certificate, setCertificate] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [password, setPassword] = useState('');
  const [pkcs12, setPkcs12] = useState<{ name: string; base64: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choosePem = async (file: File | undefined, into: 'certificate' | 'key') => {
    if (!file) return;
    const text = await readFileText(file);
    if (into === 'key') return setPrivateKey(text);
    // A bundle with the key inside fills both fields.
    const split = splitPemBundle(text);
    setCertificate(split.certificate);
    if (split.privateKey && privateKey.trim() === '') setPrivateKey(split.privateKey);
  };
  const choosePkcs12 = async (file: File | undefined) => {
    if (!file) return;
    setPkcs12({ name: file.name, base64: await readFileBase64(file) });
  };

  const missing =
    format === 'pem'
      ? certificate.trim() === ''
        ? 'Paste the certificate (PEM) or choose its file.'
        : privateKey.trim() === ''
          ? 'Paste the private key (PEM) or choose its file.'
          : null
      : pkcs12 === null
        ? 'Choose the PKCS#12 file (.p12 or .pfx).'
        : null;

  const save = async () => {
    if (missing) return setError(missing);
    const input: ClientCertificateInput =
      format === 'pem' ? { format, certificate, privateKey, ...(password ? { password } : {}) } : { format, pkcs12Base64: pkcs12!.base64, password };
    setBusy(true);
    setError(null);
    try {
      const { certificate: summary } = await getApi().setClientCertificate({ profileId, certificate: input });
      // The key and the passwords are main's now: nothing of them stays in this window.
      setPrivateKey('');
      setPassword('');
      setPkcs12(null);
      setCertificate('');
      onSaved(summary);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="certificate-form">
      <fieldset className="mode-choice">
        <legend className="group-title">Certificate format</legend>
        {(
          [
            ['pem', 'PEM certificate + private key'],
            ['pkcs12', 'PKCS#12 file (.p12, .pfx)'],
          ] as const
        ).map(([value, label]) => (
          <div key={value} className="field-inline">
            <input type="radio" id={`certificate-format-${value}`} name="certificate-format" checked={format === value} onChange={() => setFormat(value)} />
            <label htmlFor={`certificate-format-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      {format === 'pem' ? (
        <>
          <div className="field">
            <label htmlFor="certificate-pem">Certificate (PEM)</label>
            <textarea id="certificate-pem" className="mono" rows={4} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" value={certificate} onChange={(e) => setCertificate(e.target.value)} />
            <input type="file" aria-label="Certificate file" accept=".pem,.crt,.cer" onChange={(e) => void choosePem(e.target.files?.[0], 'certificate')} />
            <p className="field-hint">The client certificate, optionally followed by its intermediate CA certificates.</p>
          </div>
          <div className="field">
            <label htmlFor="certificate-key">Private key (PEM)</label>
            <textarea id="certificate-key" className="mono" rows={4} spellCheck={false} autoComplete="off" placeholder="-----BEGIN PRIVATE KEY-----" value={privateKey} onChange={(e) => setPrivateKey(e.target.value)} />
            <input type="file" aria-label="Private key file" accept=".pem,.key" onChange={(e) => void choosePem(e.target.files?.[0], 'key')} />
          </div>
          <div className="field">
            <label htmlFor="certificate-password">Key password</label>
            <input id="certificate-password" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
            <p className="field-hint">Only for an encrypted private key.</p>
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="certificate-pkcs12">PKCS#12 file</label>
            <input id="certificate-pkcs12" type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => void choosePkcs12(e.target.files?.[0])} />
            {pkcs12 && <p className="field-hint">Chosen: {pkcs12.name}</p>}
          </div>
          <div className="field">
            <label htmlFor="certificate-password">Password</label>
            <input id="certificate-password" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
            <p className="field-hint">The password the file was exported with (empty if it has none).</p>
          </div>
        </>
      )}
      {error && (
        <p className="field-errors" role="alert">
          {error}
        </p>
      )}
      <div className="field-inline">
        <button type="button" disabled={busy} aria-busy={busy || undefined} onClick={() => void save()}>
          Save certificate
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            Keep the stored one
          </button>
        )}
      </div>
    </div>
  );
}
