import { LOGO_MAX_BYTES } from '@als/shared';
import { sniffLogo } from './logo-image';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** The frame of a JPEG: SOI, an APP0 segment, EOI. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(9), Buffer.from([0xff, 0xd9])]);

describe(sniffLogo.name, () => {
  it('reads a PNG and a JPEG from their bytes', () => {
    expect(sniffLogo(PNG)).toBe('image/png');
    expect(sniffLogo(JPEG)).toBe('image/jpeg');
  });

  it.each([
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['a PNG signature and nothing else', PNG.subarray(0, 8)],
    ['a JPEG cut short (no end marker)', JPEG.subarray(0, JPEG.length - 2)],
    ['nothing', Buffer.alloc(0)],
    ['a PNG over the limit', Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)])],
  ])('answers null for %s', (_what, bytes) => {
    expect(sniffLogo(bytes)).toBeNull();
  });
});
