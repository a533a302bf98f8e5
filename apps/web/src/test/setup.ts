import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

// findBy… and waitFor wait on a condition; on a loaded machine (the suite beside the API's tests on
// two cores) a condition met in 50 ms alone can take seconds, so they wait up to 10 s, not 1 s.
configure({ asyncUtilTimeout: 10_000 });

// As in a browser with a session (the API's readable CSRF cookie): the client asks GET /api/me, which
// each test answers. A test of the signed-out browser clears it.
beforeEach(() => {
  document.cookie = 'als_csrf=test-csrf; path=/';
});

afterEach(() => cleanup());
