import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { Browser, chromium } from 'playwright-core';
import { ROOT } from './api-process';

export const ARTIFACTS = join(ROOT, 'test/artifacts');

/** Debian's Chromium (apt-get install -y chromium). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export type ChromiumChoice =
  | { kind: 'installed'; executablePath: string; because: string }
  | { kind: 'packaged'; because: string };

/**
 * Which Chromium the browser tests launch (browsers cannot be downloaded here):
 * `PACKAGED_CHROMIUM=1` forces the build the @sparticuz/chromium npm package ships; otherwise
 * `CHROMIUM_PATH` when set (it must exist), else Debian's /usr/bin/chromium when installed, else the
 * packaged build, so that `npm test` also passes on a machine that has only Node.
 */
export function chooseChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): ChromiumChoice {
  if (env.PACKAGED_CHROMIUM === '1') return { kind: 'packaged', because: 'PACKAGED_CHROMIUM=1' };
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist: point it at a Chromium, or unset it`);
    return { kind: 'installed', executablePath: env.CHROMIUM_PATH, because: 'CHROMIUM_PATH' };
  }
  if (exists(SYSTEM_CHROMIUM)) return { kind: 'installed', executablePath: SYSTEM_CHROMIUM, because: 'installed' };
  return { kind: 'packaged', because: `no Chromium at ${SYSTEM_CHROMIUM} and CHROMIUM_PATH unset` };
}

/** The @sparticuz/chromium package's folder (its "exports" hide its files, so from its entry point). */
export const PACKAGED_CHROMIUM_DIR = join(dirname(require.resolve('@sparticuz/chromium')), '../..');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The packaged Chromium (a headless shell built for serverless machines): its binary, fonts and
 * SwiftShader unpacked into the temporary folder by the package itself, and the shared libraries it
 * needs beyond glibc (NSS, NSPR, expat; the package's Amazon Linux set), unpacked beside them and put
 * first on LD_LIBRARY_PATH, so that it runs on a machine that has none of them.
 */
async function packagedChromium(): Promise<{ executablePath: string; env: NodeJS.ProcessEnv }> {
  const { default: Chromium } = await import('@sparticuz/chromium');
  const executablePath = await Chromium.executablePath();
  const libDir = join(tmpdir(), 'als-chromium-libs');
  if (!existsSync(join(libDir, 'lib/libnss3.so'))) {
    mkdirSync(libDir, { recursive: true });
    const pack = join(PACKAGED_CHROMIUM_DIR, 'bin/al2023.tar.br');
    const untar = spawnSync('tar', ['-x', '-C', libDir], { input: brotliDecompressSync(readFileSync(pack)) });
    if (untar.status !== 0) throw new Error(`Could not unpack ${pack}: ${untar.stderr.toString().trim()}`);
  }
  const libraries = [join(libDir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { executablePath, env: { ...process.env, LD_LIBRARY_PATH: libraries, FONTCONFIG_PATH: join(tmpdir(), 'fonts') } };
}

let announced = false;

/** Launches the chosen Chromium headless (with `extraArgs`, say fake media devices), and says once per run which one it is. */
export async function launchChromium(choice: ChromiumChoice = chooseChromium(), extraArgs: string[] = []): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { executablePath, env } = choice.kind === 'packaged' ? await packagedChromium() : { executablePath: choice.executablePath, env: process.env };
  const browser = await chromium.launch({ executablePath, env, headless: true, args: [...ARGS, ...extraArgs] });
  if (!announced) {
    announced = true;
    const which = choice.kind === 'packaged' ? `the packaged Chromium of @sparticuz/chromium (${choice.because})` : choice.because === 'CHROMIUM_PATH' ? 'CHROMIUM_PATH' : "Debian's Chromium";
    process.stderr.write(`Browser tests: ${which}, ${browser.version()}, at ${executablePath}\n`);
  }
  return browser;
}
