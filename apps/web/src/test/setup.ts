import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy… and waitFor wait on a condition; on a loaded machine (the suite beside the API's tests on
// two cores) a condition met in 50 ms alone can take seconds, so they wait up to 10 s, not 1 s.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
