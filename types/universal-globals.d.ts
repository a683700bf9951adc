/**
 * The few globals that both browsers and Node 24 provide, for packages that run in both
 * (protocol, locales, the action-plan model): they get neither DOM nor Node types, so a
 * browser-only or Node-only API is a type error there. Signatures as in lib.dom.d.ts.
 */
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  readonly fatal: boolean;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare const crypto: {
  randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
  getRandomValues<T extends ArrayBufferView>(array: T): T;
};
