// Types of scripts/build-wasm.mjs, for the test that keeps the embedded WebAssembly and its C sources equal.
/** The modules: C source packages/io/wasm/NAME.c, the constant in src/NAME-wasm.ts, what it is. */
export const MODULES: { name: string; constant: string; what: string }[];
/** clang's flags for the modules. */
export const CLANG_ARGS: string[];
/** Module `name` compiled now from packages/io/wasm/NAME.c, as base64 (needs clang and wasm-ld). */
export function compileWasm(name: string): string;
