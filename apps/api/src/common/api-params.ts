import { ApiParam } from '@nestjs/swagger';

/** Documents a path parameter that is a uuid (`:setId`, `:meetingId` …): any other value is answered 404. */
export const ApiIdParam = (name: string, description: string) => ApiParam({ name, type: String, format: 'uuid', description });

/** Documents a path parameter that is a secret from a link (an invitation or one-click token). */
export const ApiTokenParam = (name: string, description: string) => ApiParam({ name, type: String, description });
