import compression from 'compression';
import type { RequestHandler, Response } from 'express';
import { basename } from 'node:path';

/**
 * How the API serves the built web client. Vite names every script and style under `assets/` by
 * its content's hash: those never change under their name, so browsers keep them a year without
 * asking again. index.html (and the fallback that answers every client route with it) names the
 * current hashes: browsers check it every time.
 */
export const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.\w+$/;

export function setWebClientHeaders(response: Response, path: string): void {
  const hashed = HASHED_ASSET.test(path.replaceAll('\\', '/'));
  response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : basename(path) === 'index.html' ? 'no-cache' : 'public, max-age=3600');
}

/**
 * gzip or brotli (as the browser accepts) for the web client's files. API answers are left as they
 * are: they are small JSON, streamed exports and calendar files whose clients may not expect it.
 */
export function compressWebClient(): RequestHandler {
  const compress = compression({ threshold: 1024 });
  return (request, response, next) => {
    if (request.path.startsWith('/api/') || request.path === '/api' || request.path.startsWith('/socket.io')) return next();
    compress(request, response, next);
  };
}
