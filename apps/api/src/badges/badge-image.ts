import { BADGE_LIMITS } from '@als/shared';

export type BadgeImageType = 'image/png' | 'image/svg+xml';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What is wrong with an uploaded badge image, as a sentence about `dataUrl`; null when it can be used. */
export function parseBadgeImage(dataUrl: string): { type: BadgeImageType; bytes: Buffer } | { problem: string } {
  const match = /^data:(image\/png|image\/svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!match) return { problem: 'dataUrl must be a data: URL of a PNG or SVG image in base64 (data:image/png;base64,… or data:image/svg+xml;base64,…)' };
  const type = match[1] as BadgeImageType;
  const bytes = Buffer.from(match[2], 'base64');
  if (bytes.length === 0) return { problem: 'dataUrl holds an empty image' };
  if (bytes.length > BADGE_LIMITS.imageBytes) return { problem: `dataUrl: the image is ${Math.ceil(bytes.length / 1024)} KB; at most ${BADGE_LIMITS.imageBytes / 1024} KB` };
  if (type === 'image/png') {
    if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') return { problem: 'dataUrl is not a PNG image' };
    return { type, bytes };
  }
  const problem = svgProblem(bytes.toString('utf8'));
  return problem ? { problem: `dataUrl: ${problem}` } : { type, bytes };
}

/**
 * An SVG badge is shown on other sites and baked into credentials: it must be a plain drawing.
 * Anything that can run or fetch is refused rather than cleaned (scripts, event handlers,
 * foreign objects, external references, entities).
 */
function svgProblem(svg: string): string | null {
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(svg)) return 'the SVG must start with an <svg> element';
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) return 'the SVG must not declare a DOCTYPE or entities';
  if (/<script|<foreignObject|<iframe|<embed|<object|<use\b[^>]*href\s*=\s*["'](?!#)/i.test(svg)) return 'the SVG must not contain scripts, foreign objects or external references';
  if (/\son[a-z]+\s*=/i.test(svg)) return 'the SVG must not contain event handlers (on… attributes)';
  if (/javascript:|data:text\/html|href\s*=\s*["']\s*(?:https?:)?\/\//i.test(svg)) return 'the SVG must not link to scripts or other sites';
  if (/<openbadges:credential/i.test(svg)) return 'the SVG already carries a credential';
  return null;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The generated badge when the facilitator uploaded none: a rosette with the badge's name. */
export function defaultBadgeSvg(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= 16) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word.length > 18 ? `${word.slice(0, 17)}…` : word);
  }
  const shown = lines.slice(0, 3);
  const top = 256 - (shown.length - 1) * 17;
  const text = shown.map((line, i) => `<text x="256" y="${top + i * 34}" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="30" font-weight="700" fill="#ffffff">${escapeXml(line)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" role="img" aria-label="${escapeXml(name)}"><title>${escapeXml(name)}</title><circle cx="256" cy="256" r="240" fill="#1d4e89"/><circle cx="256" cy="256" r="205" fill="none" stroke="#f2c14e" stroke-width="14"/><path d="M176 120 L256 80 L336 120" fill="none" stroke="#f2c14e" stroke-width="10" stroke-linecap="round"/>${text}<text x="256" y="420" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="22" fill="#f2c14e">Action learning</text></svg>`;
}

/** PNG width and height from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Open Badges 3.0 baking (SVG): the credential as JSON in an `<openbadges:credential>` element
 * (namespace https://purl.imsglobal.org/ob/v3p0) straight inside the root `<svg>`, in CDATA. A PNG
 * badge is drawn inside an SVG so that one format carries every credential.
 */
export function bakeSvg(image: { type: BadgeImageType; bytes: Buffer } | null, name: string, credential: object): string {
  let svg: string;
  if (!image) svg = defaultBadgeSvg(name);
  else if (image.type === 'image/svg+xml') svg = image.bytes.toString('utf8').replace(/^\s*<\?xml[^>]*\?>\s*/i, '');
  else {
    const { width, height } = pngSize(image.bytes);
    svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeXml(name)}</title><image width="${width}" height="${height}" href="data:image/png;base64,${image.bytes.toString('base64')}"/></svg>`;
  }
  // The same JSON value with <, > and & escaped (\u003c…), so that nothing in it can end the CDATA section.
  const json = JSON.stringify(credential).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const element = `<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`;
  return svg.replace(/<svg\b([^>]*)>/i, (_whole, attributes: string) => `<svg${/xmlns:openbadges=/.test(attributes) ? attributes : `${attributes} xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`}>${element}`);
}

/** The credential baked in an SVG (the reverse of bakeSvg), or null. */
export function unbakeSvg(svg: string): object | null {
  const match = /<openbadges:credential(?:\s[^>]*)?>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/openbadges:credential>/.exec(svg);
  if (!match) return null;
  return JSON.parse(match[1]) as object;
}
