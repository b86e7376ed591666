/**
 * The package version, sent as `user-agent: jwkit/<version>` by remote JWK
 * Set requests (some WAFs block requests without one). A test checks it
 * equals package.json's `version`; bump both together.
 */
export const VERSION = '0.1.0';
