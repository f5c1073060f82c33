/**
 * The one contract between the core and every host. Services are merged here;
 * the server's handler map and the client's proxy are both typed from it, so a
 * method added here is a type error until it is implemented and callable.
 */
import type { z } from 'zod';
import type { EventDef, MethodDef } from './define';
import { alarmsContract, alarmsEvents } from './alarms';
import { discoveryContract, discoveryEvents } from './discovery';
import { logsContract, logsEvents } from './logs';
import { netContract, netEvents } from './net';
import { settingsContract, settingsEvents } from './settings';
import { ptzContract, ptzEvents } from './ptz';
import { systemContract, systemEvents } from './system';
import { wizardContract, wizardEvents } from './wizard';
import { recordsContract, recordsEvents } from './records';

export const contract = {
  system: systemContract,
  discovery: discoveryContract,
  settings: settingsContract,
  ptz: ptzContract,
  logs: logsContract,
  alarms: alarmsContract,
  net: netContract,
  wizard: wizardContract,
  records: recordsContract,
} as const;

export const events = {
  ...systemEvents,
  ...discoveryEvents,
  ...settingsEvents,
  ...ptzEvents,
  ...logsEvents,
  ...alarmsEvents,
  ...netEvents,
  ...wizardEvents,
  ...recordsEvents,
} as const;

export type Contract = typeof contract;
export type ServiceName = keyof Contract;
export type Events = typeof events;
export type Topic = keyof Events;

type OutputOf<M> = M extends MethodDef<z.ZodTuple, infer O> ? O : never;
type ArgsIn<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
type ArgsOut<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;

/** Payload of an event topic. */
export type EventPayload<T extends Topic> = Events[T] extends EventDef<infer P> ? P : never;

/** What a service implements: validated arguments in, value (or promise) out. */
export type Handlers = {
  [S in ServiceName]: {
    [M in keyof Contract[S]]: (
      ...args: ArgsOut<Contract[S][M]> extends unknown[] ? ArgsOut<Contract[S][M]> : never
    ) => OutputOf<Contract[S][M]> | Promise<OutputOf<Contract[S][M]>>;
  };
};

/** What a client calls: raw arguments in, a promise of the value out. */
export type Api = {
  [S in ServiceName]: {
    [M in keyof Contract[S]]: (
      ...args: ArgsIn<Contract[S][M]> extends unknown[] ? ArgsIn<Contract[S][M]> : never
    ) => Promise<OutputOf<Contract[S][M]>>;
  };
};

export type MethodPath = { [S in ServiceName]: `${S}.${keyof Contract[S] & string}` }[ServiceName];

export * from './errors';
export type * from './system';
export type * from './discovery';
export type * from './settings';
export type * from './ptz';
export type * from './logs';
export type * from './alarms';
export type * from './net';
export type * from './wizard';
export type * from './records';
export { LANGUAGES, THEMES } from './settings';
