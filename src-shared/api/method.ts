import type { z } from 'zod';
import type { ErrorCode } from './errors';
import type { Access } from './roles';

export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  access: Access;
  /** Business errors this method may return besides the transport-level ones. */
  errors: readonly ErrorCode[];
  /** The most a request body for it may weigh on the headless host, when more than 1 MB. */
  maxBodyBytes?: number;
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(def: Omit<MethodDef<I, O>, 'output'>): MethodDef<I, O> => def;
}
