// Beside Client Authentication: for private_key_jwt and client_secret_jwt the assertion's audience,
// and the profile's signing key (also used by "Sign the authorization request").
import { useFormStore } from '../../store/form-store';
import { SelectField } from '../form/SelectField';
import { SigningKeyPanel } from './SigningKeyPanel';

export function ClientAssertionFields() {
  const method = useFormStore((s) => s.settings.clientAuthentication);
  const signsRequests = useFormStore((s) => s.settings.signAuthorizationRequest);
  const assertion = method === 'private_key_jwt' || method === 'client_secret_jwt';
  return (
    <>
      {assertion && (
        <SelectField
          field="assertionAudience"
          label="Assertion audience"
          options={[
            { value: 'endpoint', label: 'Token endpoint' },
            { value: 'issuer', label: 'Issuer' },
          ]}
          hint={
            'The client assertion\u2019s aud (RFC 7523 3). Token endpoint: the URL each request goes to (for revocation and introspection, their endpoint), which binds the assertion to it. Issuer: the Issuer above, as some IdPs require.' +
            (method === 'client_secret_jwt' ? ' client_secret_jwt signs with HMAC (HS256, or HS384/HS512 when the IdP lists only those) using the Client Secret, which itself is never sent.' : '')
          }
        />
      )}
      {(method === 'private_key_jwt' || signsRequests) && <SigningKeyPanel />}
    </>
  );
}
