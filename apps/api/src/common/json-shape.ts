import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Deepest nesting of objects and arrays taken anywhere (CONTRACT.md, "Bad input, everywhere"); the value itself is level 1. */
export const MAX_JSON_DEPTH = 64;

/**
 * Keys that name a member of every object's prototype (`__proto__`, `constructor`, `toString` …) or
 * a prototype itself: copied into a class instance they reach or shadow its prototype, and the
 * validators let some of them through unseen. Never a field of ours.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

// The work stack, reused: the walk is synchronous, so one call never interleaves with another.
const stack: object[] = [];
const depths: number[] = [];

/**
 * What is wrong with the shape of a parsed JSON value, in words naming `what`: nested deeper than
 * MAX_JSON_DEPTH, or a key such as `__proto__`; null when nothing is. Runs ahead of validation,
 * which recurses (class-transformer, class-validator) and would overflow the stack on a deep value.
 * One iterative pass over the value: O(its size), no recursion, no allocation past the work stack.
 */
export function jsonShapeProblem(value: unknown, what: string): string | null {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  stack.push(value);
  depths.push(1);
  let problem: string | null = null;
  while (stack.length > 0 && problem === null) {
    const current = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > MAX_JSON_DEPTH) {
      problem = `${what} is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`;
    } else if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const item: unknown = current[i];
        if (item !== null && typeof item === 'object') {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in current) {
        if (PROTOTYPE_KEYS.has(key)) {
          problem = `${key} is not an accepted field`;
          break;
        }
        const item: unknown = (current as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  // Let go of the value's objects.
  stack.length = 0;
  depths.length = 0;
  return problem;
}

/**
 * Express middleware after the JSON body parser: a body nested too deeply, or a body or query with
 * a prototype key, is answered 400 in the contract's shape before any validation runs.
 */
export function refuseHostileJson(): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const problem = jsonShapeProblem(request.body, 'The request body') ?? jsonShapeProblem(request.query, 'The query');
    if (!problem) return next();
    const field = / is not an accepted field$/.test(problem) ? problem.replace(/ is not an accepted field$/, '') : null;
    next(new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problem, ...(field ? { errors: [{ field, message: problem }] } : {}) }));
  };
}
