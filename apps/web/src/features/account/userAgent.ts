/** "Firefox on Linux", "Safari on iPhone": a person's words for the device a session began on. */
export function describeUserAgent(userAgent: string): string {
  if (!userAgent.trim()) return 'An unknown device';
  const browser =
    /Edg(e|A|iOS)?\//.test(userAgent) ? 'Edge'
    : /OPR\/|Opera/.test(userAgent) ? 'Opera'
    : /SamsungBrowser\//.test(userAgent) ? 'Samsung Internet'
    : /Firefox\/|FxiOS\//.test(userAgent) ? 'Firefox'
    : /Chrome\/|CriOS\/|Chromium\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) && /Version\//.test(userAgent) ? 'Safari'
    : null;
  const device =
    /iPhone/.test(userAgent) ? 'iPhone'
    : /iPad/.test(userAgent) ? 'iPad'
    : /Android/.test(userAgent) ? 'Android'
    : /Windows/.test(userAgent) ? 'Windows'
    : /Mac OS X|Macintosh/.test(userAgent) ? 'Mac'
    : /CrOS/.test(userAgent) ? 'Chromebook'
    : /Linux/.test(userAgent) ? 'Linux'
    : null;
  if (browser && device) return `${browser} on ${device}`;
  if (browser) return browser;
  if (device) return `A browser on ${device}`;
  // Not a browser (a script, an integration): its own name, shortened.
  return userAgent.split(/[\s/]/)[0].slice(0, 40) || 'An unknown device';
}
