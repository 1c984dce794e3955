/**
 * One of io's embedded WebAssembly modules (src/*-wasm.ts, built by scripts/build-wasm.mjs from
 * wasm/*.c) instantiated with a memory of its own, and the arrays a call lays out in that memory:
 * from the module's heap base (above its stack and data), each 8-byte aligned, the memory grown to
 * hold them. Growing replaces the memory's buffer: views made before a `layout` are void after it.
 */

const PAGE = 65536;

/** Compile a module from its base64 bytes. */
export function compileEmbedded(base64: string): WebAssembly.Module {
  return new WebAssembly.Module(Buffer.from(base64, 'base64'));
}

export class WasmModule<E> {
  readonly memory = new WebAssembly.Memory({ initial: 32 });
  readonly exports: E;
  private readonly base: number;

  /** `env` gets the memory (as `env.memory`) and any functions the module imports. */
  constructor(compiled: WebAssembly.Module, env: (memory: WebAssembly.Memory) => Record<string, unknown> = () => ({})) {
    const instance = new WebAssembly.Instance(compiled, { env: { memory: this.memory, ...env(this.memory) } });
    this.exports = instance.exports as unknown as E;
    this.base = ((this.exports as { heap_base(): number }).heap_base() + 7) & ~7;
  }

  /** Byte offsets of arrays of the given sizes, in the order given, and the memory's buffer holding them. */
  layout<K extends string>(sizes: Record<K, number>): { at: Record<K, number>; buffer: ArrayBuffer } {
    const at = {} as Record<K, number>;
    let o = this.base;
    for (const k of Object.keys(sizes) as K[]) {
      at[k] = o;
      o = (o + sizes[k] + 7) & ~7;
    }
    const have = this.memory.buffer.byteLength;
    if (o > have) this.memory.grow(Math.ceil((o - have) / PAGE));
    return { at, buffer: this.memory.buffer };
  }
}
