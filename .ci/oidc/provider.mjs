// A real OpenID Connect provider on loopback for CI's sign-in test (docs/sso.md).
// oidc-provider@9 (.ci/run installs it into a scratch folder and runs a copy of this file there):
// authorization code flow with PKCE required, RS256-signed ID tokens, discovery, JWKS,
// end_session. devInteractions serves a log-in form that takes any name: the name becomes
// the subject (`sub`), and the other claims are made from it.
// A "native" client, so that its loopback redirect URI holds on any port (RFC 8252): the
// test's live server gets a free port of its own.
// Usage: node provider.mjs [PORT]
import Provider from "oidc-provider";

const port = Number(process.argv[2] || 9400);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "bass",
      client_secret: "bass-ci-secret",
      application_type: "native",
      redirect_uris: ["http://127.0.0.1/sso/callback/"],
      post_logout_redirect_uris: ["http://127.0.0.1/log-ind/"],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      id_token_signed_response_alg: "RS256",
    },
  ],
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          name: `${sub.charAt(0).toUpperCase()}${sub.slice(1)} Arbejdskonto`,
          email: `${sub}@regionsjaelland.example`,
          groups: sub.startsWith("sekretariat") ? ["bass-secretariat"] : [],
        };
      },
    };
  },
  claims: { openid: ["sub", "groups"], email: ["email"], profile: ["name"] },
  // The claims go in the ID token itself (as Entra ID does), signed.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
});
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
