// Jest only: jwks-rsa (the Agents SDK's JWKS client) requires jose, which is ESM-only; Node 20.19+ loads
// that with require(), Jest's module runtime cannot. The Agents-SDK jest project maps jwks-rsa to this:
// the same contract (a client per JWKS URI, getSigningKey(kid, callback), getPublicKey() as PEM) on
// node:crypto. The built bot, as the security suite spawns it, runs the real jwks-rsa.
const { createPublicKey } = require('node:crypto');

module.exports = function jwksClient({ jwksUri }) {
  return {
    getSigningKey(kid, callback) {
      fetch(jwksUri)
        .then((res) => res.json())
        .then(({ keys }) => {
          const jwk = (keys ?? []).find((k) => k.kid === kid && (k.use === 'sig' || k.use === undefined));
          if (!jwk) return callback(Object.assign(new Error(`Unable to find a signing key that matches '${kid}'`), { name: 'SigningKeyNotFoundError' }));
          const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
          return callback(null, { kid, getPublicKey: () => pem, publicKey: pem, rsaPublicKey: pem });
        })
        .catch((error) => callback(error));
    },
  };
};
module.exports.default = module.exports;
