// Advanced options of the authorization request for high-security IdPs: Use PAR (RFC 9126) with its
// PAR URL, and Sign the authorization request (RFC 9101). When the discovered metadata requires PAR,
// Discover ticks Use PAR and this says why; unticked again (a negative test), a warning says the IdP
// will refuse.
import { useFormStore } from '../../store/form-store';
import { CheckboxField } from '../form/CheckboxField';
import { TextField } from '../form/TextField';

export function AuthorizationRequestOptions() {
  const usePar = useFormStore((s) => s.settings.usePar);
  const metadata = useFormStore((s) => s.settings.metadata?.metadata);
  const required = metadata?.require_pushed_authorization_requests === true;
  return (
    <>
      <CheckboxField
        field="usePar"
        label="Use PAR"
        hint="Pushed authorization requests (RFC 9126): the authorization parameters (PKCE, state, nonce, extra parameters) are POSTed to the PAR endpoint with the client's authentication; the browser gets only client_id and request_uri."
      />
      {required && usePar && (
        <p className="note note-info" role="note">
          Turned on because the IdP&apos;s metadata says require_pushed_authorization_requests: true. Untick it to see the IdP refuse a request that is not pushed.
        </p>
      )}
      <TextField
        field="parUrl"
        label="PAR URL"
        monospace
        placeholder={metadata?.pushed_authorization_request_endpoint ?? 'https://idp.example.com/oauth2/par'}
        hint="Empty: the pushed_authorization_request_endpoint of the discovered metadata."
      />
      <CheckboxField
        field="signAuthorizationRequest"
        label="Sign the authorization request"
        hint="Signed request object (RFC 9101, JAR): the authorization parameters go in a request JWT (typ oauth-authz-req+jwt, iss = client_id, aud = the issuer) signed with the profile's signing key; with Use PAR it is pushed. The trace shows it decoded."
      />
    </>
  );
}

/** Discover's part: a newly discovered requirement of PAR ticks Use PAR (the fill names it); a known one leaves the user's choice alone. */
export function applyParRequirement(previous: { require_pushed_authorization_requests?: boolean } | undefined, next: { require_pushed_authorization_requests?: boolean }): string[] {
  if (next.require_pushed_authorization_requests !== true || previous?.require_pushed_authorization_requests === true) return [];
  const { settings, setField } = useFormStore.getState();
  if (settings.usePar) return [];
  setField('usePar', true);
  return ['Use PAR'];
}
