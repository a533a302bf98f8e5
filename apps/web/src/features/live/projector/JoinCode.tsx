import { useMemo } from 'react';
import QRCode from 'qrcode';

/** An SVG path of the code's dark modules, one unit per module, offset by the quiet zone. */
function modulesPath(text: string, quiet: number): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) parts.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
    }
  }
  return { size: modules.size + 2 * quiet, d: parts.join('') };
}

/**
 * The join link as a QR code and as text, for people in the room who join from their phones.
 * Drawn as SVG (crisp at any projector size), dark on white with the standard 4-module quiet zone.
 */
export function JoinCode({ url, large = false }: { url: string; large?: boolean }) {
  const { size, d } = useMemo(() => modulesPath(url, 4), [url]);
  const shown = url.replace(/^https?:\/\//, '');
  return (
    <figure className={large ? 'projector-join projector-join--large' : 'projector-join'} aria-label="Join from your phone">
      <svg className="projector-join__code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`QR code for ${shown}`} shapeRendering="crispEdges">
        <rect width={size} height={size} fill="#fff" />
        <path d={d} fill="#000" />
      </svg>
      <figcaption className="projector-join__text">
        <span className="projector-join__title">Join on your phone</span>
        <span className="projector-join__url">{shown}</span>
      </figcaption>
    </figure>
  );
}
