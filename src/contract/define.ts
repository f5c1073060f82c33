import type { z } from 'zod';

/**
 * One method of a service: its input is a zod tuple (the positional arguments,
 * validated on the server whatever the transport); its output is a type only,
 * because the server is trusted and values are plain JSON.
 */
export interface MethodDef<I extends z.ZodTuple = z.ZodTuple, O = unknown> {
  readonly input: I;
  readonly summary: string;
  /** Phantom: carries the output type; never set at run time. */
  readonly __output?: O;
}

/** `method(z.tuple([...]), 'what it does').returns<Output>()` */
export function method<I extends z.ZodTuple>(input: I, summary: string) {
  return { returns: <O>(): MethodDef<I, O> => ({ input, summary }) };
}

/** An event topic `service.noun` and its payload type (phantom). */
export interface EventDef<P = unknown> {
  readonly summary: string;
  readonly __payload?: P;
}

export function event<P>(summary: string): EventDef<P> {
  return { summary };
}

export type ServiceDef = Record<string, MethodDef>;
