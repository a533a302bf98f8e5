/**
 * The Verifiable Credentials libraries (apps/api/src/badges/vc/) are ES modules. The built app
 * loads them with Node's require(esm); Jest's own module runtime cannot (before Node 24.9), so
 * Jest compiles those packages to CommonJS with Babel (import.meta.url included) and runs the same
 * code as the app.
 */
const esmPackages = ['@digitalbazaar', 'base58-universal', 'base64url-universal', 'ky', 'openid-client', 'oauth4webapi', 'jose'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.js$': [
      'babel-jest',
      { babelrc: false, configFile: false, plugins: ['babel-plugin-transform-import-meta', '@babel/plugin-transform-modules-commonjs'] },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^@api/(.*)$': '<rootDir>/src/$1' },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // A minute: in two clean-clone CI runs (1 December, 23:2x and 00:0x UTC) one file's startTestApp took about 30 s on the embedded
  // PostgreSQL (a different file each time, each passing alone in seconds), and was cut off at the old 30 s.
  testTimeout: 60000,
};
