// Advanced → Client certificate (mutual TLS, RFC 8705): the option, and the saved profile's
// certificate as main describes it (subject, issuer, validity, thumbprint — never the key), with
// Remove certificate, or the form to add one. A certificate lives in the OS keychain with a saved
// profile, so an unsaved form says how to get one.
import { useEffect, useState } from 'react';
import type { ClientCertificateSummary } from '../../../shared/mtls';
import { getApi } from '../../api';
import { CopyButton } from '../../components/CopyButton';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFormStore } from '../../store/form-store';
import { useCurrentProfileId } from '../../store/profiles-store';
import { CheckboxField } from '../form/CheckboxField';
import { ClientCertificateForm } from './ClientCertificateForm';
import './fapi.css';

export function ClientCertificateSection() {
  const enabled = useFormStore((s) => s.settings.useClientCertificate);
  const profileId = useCurrentProfileId();
  return (
    <>
      <CheckboxField
        field="useClientCertificate"
        label="Client certificate"
        hint="Mutual TLS (RFC 8705): the certificate is presented in the TLS handshake to the token endpoint and its kin (refresh, PAR, revocation, introspection), and to UserInfo and Call API, at the IdP's mtls_endpoint_aliases when Discover found them. Needed by tls_client_auth and self_signed_tls_client_auth, and for certificate-bound tokens."
      />
      {enabled && (profileId ? <StoredCertificate key={profileId} profileId={profileId} /> : <p className="field-hint">A client certificate is kept in the OS keychain with a saved profile, never in a file: save this form as a profile (New…), then add the certificate here.</p>)}
    </>
  );
}

function StoredCertificate({ profileId }: { profileId: string }) {
  const keychainAvailable = useAppInfoStore((s) => s.info?.keychain.available !== false);
  // undefined: still asking main.
  const [summary, setSummary] = useState<ClientCertificateSummary | null | undefined>(undefined);
  const [replacing, setReplacing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    getApi()
      .getClientCertificate({ profileId })
      .then(({ certificate }) => current && setSummary(certificate))
      .catch((err: unknown) => {
        if (!current) return;
        setSummary(null);
        setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      current = false;
    };
  }, [profileId]);

  const remove = async () => {
    setError(null);
    try {
      await getApi().clearClientCertificate({ profileId });
      setSummary(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (!keychainAvailable) return <p className="field-warnings">The OS keychain is not available, so no client certificate can be kept: see the keychain notice.</p>;
  if (summary === undefined) return <p className="muted small">Reading the stored certificate…</p>;
  return (
    <div className="client-certificate" aria-label="Stored client certificate">
      {error && (
        <p className="field-errors" role="alert">
          {error}
        </p>
      )}
      {summary && <CertificateSummary summary={summary} />}
      {summary && !replacing && (
        <div className="field-inline">
          <button type="button" onClick={() => setReplacing(true)}>
            Replace certificate
          </button>
          <button type="button" onClick={() => void remove()}>
            Remove certificate
          </button>
        </div>
      )}
      {(!summary || replacing) && (
        <ClientCertificateForm
          profileId={profileId}
          onSaved={(saved) => {
            setSummary(saved);
            setReplacing(false);
            setError(null);
          }}
          {...(summary ? { onCancel: () => setReplacing(false) } : {})}
        />
      )}
    </div>
  );
}

function CertificateSummary({ summary }: { summary: ClientCertificateSummary }) {
  const day = (iso: string) => new Date(iso).toLocaleString();
  return (
    <>
      <p className="field-hint">Kept in the OS keychain with this profile; its private key never comes back to this window.</p>
      <dl className="facts">
        <dt>Subject</dt>
        <dd className="mono">{summary.subject}</dd>
        <dt>Issuer</dt>
        <dd className="mono">
          {summary.issuer}
          {summary.selfSigned && <span className="badge">self-signed</span>}
        </dd>
        <dt>Valid</dt>
        <dd>
          {day(summary.validFrom)} – {day(summary.validTo)}
        </dd>
        <dt>SHA-256 thumbprint (x5t#S256)</dt>
        <dd className="mono">
          {summary.thumbprint}
          <CopyButton value={summary.thumbprint} label="Copy thumbprint" />
        </dd>
        <dt>Format</dt>
        <dd>
          {summary.format === 'pem' ? 'PEM' : 'PKCS#12'}
          {summary.chainLength > 1 ? `, a chain of ${summary.chainLength} certificates` : ''}
        </dd>
      </dl>
      {summary.warnings.length > 0 && (
        <ul className="field-warnings">
          {summary.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}
