import { LOGO_MAX_BYTES, type LogoType } from '@als/shared';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What the bytes of an uploaded logo really are, read from their content (never from the name or the
 * declared type): a PNG (its signature, then an IHDR chunk) or a JPEG (SOI marker, a segment marker,
 * and the EOI marker at its end); null for anything else, SVG included (it can carry scripts), and
 * for anything empty or over LOGO_MAX_BYTES.
 */
export function sniffLogo(bytes: Buffer): LogoType | null {
  if (bytes.length === 0 || bytes.length > LOGO_MAX_BYTES) return null;
  if (bytes.length >= 33 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.subarray(12, 16).toString('latin1') === 'IHDR') return 'image/png';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9) return 'image/jpeg';
  return null;
}
