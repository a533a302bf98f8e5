const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML e-mail bodies. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A link that looks like a button in mail clients (inline styles only). */
export const button = (href: string, label: string, colour = '#0b5394') =>
  `<a href="${escapeHtml(href)}" style="display:inline-block;background:${colour};color:#fff;padding:.6rem 1rem;border-radius:4px;text-decoration:none;margin:0 .5rem .5rem 0">${escapeHtml(label)}</a>`;

/** A whole HTML e-mail: readable in narrow clients, inline styles only. */
export function page(paragraphs: string[]): string {
  return `<!doctype html><html><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem">\n${paragraphs.join('\n')}\n</body></html>`;
}
