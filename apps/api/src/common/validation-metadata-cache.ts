import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Lookup = (targetConstructor: object, targetSchema: string, always: boolean, strictGroups: boolean, groups?: string[]) => ValidationMetadata[];
const MEMOIZED = Symbol('als.memoizedValidationMetadata');

/**
 * Memoizes class-validator's lookup of a class's rules. Without it every validation scans every
 * class registered in the whole application to find ancestors (typestack/class-validator#2686):
 * with this API's hundreds of DTOs that scan was the largest single cost of validating a live
 * command. The rules of a class do not change once its module has loaded; any rule registered
 * later (a class loaded lazily) empties the memo, so a lookup never answers from stale rules.
 * Idempotent: installing twice wraps once.
 */
export function memoizeValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas: Lookup & { [MEMOIZED]?: true };
    addValidationMetadata: (metadata: ValidationMetadata) => void;
    addValidationSchema: (schema: unknown) => void;
  };
  if (storage.getTargetValidationMetadatas[MEMOIZED]) return;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let memo = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  const bySchema = new Map<string, ValidationMetadata[]>();
  const memoized: Lookup & { [MEMOIZED]?: true } = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0001')}\u0000${groups ? groups.length : -1}`;
    // Schemas (validated by name, not by class) have no constructor to key a WeakMap by.
    if (typeof targetConstructor !== 'function') {
      const found = bySchema.get(key) ?? lookup(targetConstructor, targetSchema, always, strictGroups, groups);
      bySchema.set(key, found);
      return [...found];
    }
    let forClass = memo.get(targetConstructor);
    if (!forClass) memo.set(targetConstructor, (forClass = new Map()));
    let found = forClass.get(key);
    if (!found) forClass.set(key, (found = lookup(targetConstructor, targetSchema, always, strictGroups, groups)));
    // A copy: callers may not mutate the memo.
    return [...found];
  };
  memoized[MEMOIZED] = true;
  storage.getTargetValidationMetadatas = memoized;
  storage.addValidationMetadata = (metadata) => {
    memo = new WeakMap();
    bySchema.clear();
    add(metadata);
  };
}
