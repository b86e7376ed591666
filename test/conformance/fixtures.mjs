// Keys that no RFC vector provides. The Ed448 pair was generated once with
// node:crypto (generateKeyPairSync('ed448')) for this suite; where a runtime
// has Ed448 the suite checks that the pair signs and verifies, so a wrong
// value here cannot pass silently.
export const fixtures = Object.freeze({
  ed448: Object.freeze({
    privateJwk: Object.freeze({
      kty: 'OKP',
      crv: 'Ed448',
      x: 'hz0jDdzwiupO9KsKQQ-qGXXw4jf-6Q7O0HADrXCkYFatE-KI2SQk2rRmRmp5YaocL82HSF39unoA',
      d: 'eLtGtPg-iYPwVgZHCdEyQ_16oY6uEtrbvbzNnnJO9u0kl6XdBZT5GNqvbYN4lOqT1cQav_lm0zpF',
    }),
    publicJwk: Object.freeze({
      kty: 'OKP',
      crv: 'Ed448',
      x: 'hz0jDdzwiupO9KsKQQ-qGXXw4jf-6Q7O0HADrXCkYFatE-KI2SQk2rRmRmp5YaocL82HSF39unoA',
    }),
  }),
});
