import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './api-process';

export const IS_ROOT = userInfo().uid === 0;

/**
 * A copy of the built repository inside a 0700 folder, as a clone in root's home folder or in a
 * `mktemp -d` folder is: nothing under it can be reached by other users, `postgres` included. The
 * dependencies are hard links (fast, and no second copy on disk; a plain copy where linking fails),
 * the built apps are copied.
 */
export function privateClone(): { closed: string; repo: string; remove(): void } {
  const closed = mkdtempSync(join(tmpdir(), 'als-private-'));
  chmodSync(closed, 0o700);
  const repo = join(closed, 'repo');
  mkdirSync(repo);
  const linked = spawnSync('cp', ['-al', join(ROOT, 'node_modules'), repo]);
  if (linked.status !== 0) {
    rmSync(join(repo, 'node_modules'), { recursive: true, force: true });
    cpSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  for (const path of ['package.json', 'apps/api/package.json', 'apps/api/dist', 'apps/api/node_modules', 'apps/web/package.json', 'apps/web/dist', 'libs/shared/package.json', 'libs/shared/dist']) {
    if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(repo, path), { recursive: true, verbatimSymlinks: true });
  }
  return {
    closed,
    repo,
    remove: () => {
      // The embedded database of a closed folder lives where its DATA_DIR/pg links to (see embedded-postgres-place.ts).
      const link = join(repo, '.data/pg');
      try {
        if (lstatSync(link).isSymbolicLink()) rmSync(dirname(resolve(dirname(link), readlinkSync(link))), { recursive: true, force: true });
      } catch {
        // no database was made
      }
      rmSync(closed, { recursive: true, force: true });
    },
  };
}
