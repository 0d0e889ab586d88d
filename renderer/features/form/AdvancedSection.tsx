// The Advanced disclosure: parameters some IdPs need (audience, RFC 8707 resource, Entra SPA Origin),
// free-form extra parameters, cookie handling of the embedded window, and the negative PKCE test.
import { useState } from 'react';
import { getApi } from '../../api';
import { useAppInfoStore } from '../../store/app-info-store';
import { useFormStore } from '../../store/form-store';
import { AuthorizationRequestOptions } from '../fapi/AuthorizationRequestOptions';
import { DpopFields } from '../fapi/DpopFields';
import { ClientCertificateSection } from '../fapi/ClientCertificateSection';
import { LifecycleFields } from '../token-actions/LifecycleFields';
import { CheckboxField } from './CheckboxField';
import { ClockSkewField } from './ClockSkewField';
import { KeyValueRows } from './KeyValueRows';
import { TextField } from './TextField';

interface AdvancedSectionProps {
  open: boolean;
  onToggle(open: boolean): void;
}

export function AdvancedSection({ open, onToggle }: AdvancedSectionProps) {
  const mode = useFormStore((s) => s.settings.authorizeMode);
  const embeddedAvailable = useAppInfoStore((s) => s.info?.authorizeModes.includes('embedded') ?? true);
  const [cookieStatus, setCookieStatus] = useState<string | null>(null);

  const clearCookies = async () => {
    setCookieStatus('Clearing…');
    try {
      const { cleared } = await getApi().clearCookies({});
      setCookieStatus(cleared ? 'IdP cookies cleared: the next embedded sign-in starts a fresh session.' : 'There were no stored IdP cookies.');
    } catch (err) {
      setCookieStatus(`Could not clear cookies: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <details className="advanced" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>Advanced</summary>
      <TextField field="audience" label="Audience" hint="Sent as audience on both requests (Auth0, some Okta setups)." />
      <TextField field="resource" label="Resource" hint="RFC 8707 resource indicator, sent on both requests (Entra ID v1, ADFS)." />
      <TextField
        field="tokenRequestOrigin"
        label="Origin header"
        monospace
        placeholder="http://localhost:3000"
        hint="Sent as Origin on the token request. Entra ID redeems codes of a Single-Page Application redirect URI only with one (AADSTS9002327)."
      />
      <KeyValueRows field="extraAuthParams" title="Extra authorization request parameters" />
      <AuthorizationRequestOptions />
      <KeyValueRows field="extraTokenParams" title="Extra token request parameters" sendAs />
      <LifecycleFields />
      <DpopFields />
      <ClientCertificateSection />
      <CheckboxField
        field="keepCookies"
        label="Keep IdP cookies between flows"
        disabled={mode !== 'embedded'}
        hint={mode === 'embedded' ? 'Off: every embedded sign-in starts with no IdP session.' : 'Embedded window only; the system browser keeps its own cookies.'}
      />
      {embeddedAvailable && (
        <div className="field-inline">
          <button type="button" onClick={() => void clearCookies()}>
            Clear cookies
          </button>
          {cookieStatus && (
            <span role="status" className="muted">
              {cookieStatus}
            </span>
          )}
        </div>
      )}
      <TextField
        field="jwksUri"
        label="JWKS URI"
        monospace
        placeholder="https://idp.example.com/.well-known/jwks.json"
        hint="The IdP's signing keys, to verify ID token signatures. Empty: the jwks_uri of the discovered metadata."
      />
      <ClockSkewField />
      <CheckboxField
        field="allowIssuerMismatch"
        label="Allow issuer mismatch (mix-up test)"
        hint="RFC 9207: a redirect whose iss is missing (while the IdP advertises it) or not the issuer stops the flow before the token request. Ticked, the code is exchanged anyway and the trace says so."
      />
      <CheckboxField
        field="omitCodeVerifier"
        label="Don't send code_verifier (negative test)"
        hint="The token request leaves code_verifier out. An IdP that enforces PKCE must answer invalid_grant; if you get tokens, it does not."
      />
      <CheckboxField
        field="pauseBeforeTokenRequest"
        label="Pause before token request"
        hint="When the redirect arrives the flow stops at Ready to exchange and shows the token request (code, code_verifier, redirect_uri, client_id, extra parameters), each editable; Exchange sends it, Exchange again replays the same code."
      />
    </details>
  );
}
