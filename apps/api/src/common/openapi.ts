import type { OpenAPIObject } from '@nestjs/swagger';

/** The extension `Public()` puts on an operation, so that the document can say it needs no credentials. */
export const PUBLIC_EXTENSION = 'x-public';

/**
 * Operations marked `Public()` need no access token: their `security` becomes `[]` (no requirement),
 * even where their controller declares bearer authentication for its other routes.
 */
export function markPublicOperations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.options, item.head, item.patch, item.trace]) {
      if (!operation) continue;
      const marked = operation as typeof operation & { [PUBLIC_EXTENSION]?: unknown };
      if (!marked[PUBLIC_EXTENSION]) continue;
      delete marked[PUBLIC_EXTENSION];
      operation.security = [];
    }
  }
}
