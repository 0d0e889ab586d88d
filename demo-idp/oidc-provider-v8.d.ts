// `oidc-provider-v8` is an npm alias of oidc-provider@8, used only because v9 dropped PKCE `plain`.
// Its API is the subset of v9's that the demo IdP uses, so it borrows v9's types.
declare module 'oidc-provider-v8' {
  export * from 'oidc-provider';
  export { default } from 'oidc-provider';
}
