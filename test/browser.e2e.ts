import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, chooseChromium, launchChromium, PACKAGED_CHROMIUM_DIR, SYSTEM_CHROMIUM } from './support/browser';

describe('the browser tests’ Chromium', () => {
  describe(chooseChromium.name, () => {
    const nowhere = () => false;
    const everywhere = () => true;

    it('takes the packaged build when no Chromium is installed and CHROMIUM_PATH is unset or empty (a machine with only Node)', () => {
      expect(chooseChromium({}, nowhere)).toEqual({ kind: 'packaged', because: `no Chromium at ${SYSTEM_CHROMIUM} and CHROMIUM_PATH unset` });
      expect(chooseChromium({ CHROMIUM_PATH: '' }, nowhere).kind).toBe('packaged');
    });

    it("takes Debian's Chromium when it is installed", () => {
      expect(chooseChromium({}, (path) => path === SYSTEM_CHROMIUM)).toEqual({ kind: 'installed', executablePath: SYSTEM_CHROMIUM, because: 'installed' });
    });

    it('takes CHROMIUM_PATH first, and refuses one that does not exist', () => {
      expect(chooseChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, everywhere)).toEqual({ kind: 'installed', executablePath: '/opt/chrome/chrome', because: 'CHROMIUM_PATH' });
      expect(() => chooseChromium({ CHROMIUM_PATH: '/opt/none/chrome' }, (path) => path === SYSTEM_CHROMIUM)).toThrow('CHROMIUM_PATH is /opt/none/chrome, which does not exist: point it at a Chromium, or unset it');
    });

    it('takes the packaged build when PACKAGED_CHROMIUM=1, whatever is installed', () => {
      expect(chooseChromium({ PACKAGED_CHROMIUM: '1', CHROMIUM_PATH: SYSTEM_CHROMIUM }, everywhere)).toEqual({ kind: 'packaged', because: 'PACKAGED_CHROMIUM=1' });
    });
  });

  describe(launchChromium.name, () => {
    it('launches the packaged Chromium headless, and it renders a page', async () => {
      const browser = await launchChromium({ kind: 'packaged', because: 'this test' });
      try {
        const packagedMajor = (JSON.parse(readFileSync(join(PACKAGED_CHROMIUM_DIR, 'package.json'), 'utf8')) as { version: string }).version.split('.')[0];
        expect(browser.version().split('.')[0]).toBe(packagedMajor);
        const page = await browser.newPage({ viewport: { width: 640, height: 240 } });
        await page.setContent('<main style="font: 32px sans-serif; padding: 24px"><h1>Check-in</h1><p>What would success look like for you?</p><button>Join the call</button></main>');
        await expect(page.getByRole('button', { name: 'Join the call' }).isVisible()).resolves.toBe(true);
        const screenshot = await page.screenshot({ path: join(ARTIFACTS, 'packaged-chromium.png') });
        // The pixels themselves: the text is drawn (dark pixels on the white page), not an empty frame.
        const dark = await page.evaluate(async (png: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${png}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d');
          if (!context) return 0;
          context.drawImage(image, 0, 0);
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let count = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] < 96 && data[i + 1] < 96 && data[i + 2] < 96) count++;
          return count;
        }, screenshot.toString('base64'));
        expect(dark).toBeGreaterThan(2000);
      } finally {
        await browser.close();
      }
    });
  });
});
