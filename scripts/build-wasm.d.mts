// Types of scripts/build-wasm.mjs, for the test that keeps the embedded WebAssembly and its C source equal.
/** clang's flags for the module. */
export const CLANG_ARGS: string[];
/** The module compiled now from packages/io/wasm/csv-fuzzy.c, as base64 (needs clang and wasm-ld). */
export function compileWasm(): string;
