/**
 * What every reader takes: a file's bytes and the name errors call it by — the path the user
 * typed, or an upload's file name. io never opens files itself (the CLI reads them, the server
 * receives them), so the same readers serve both.
 */

/** A file's content and the name messages use for it (`loans.xlsx, sheet Loans, cell B7`). */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** The bytes of `text` under `name` (for tests and for data already in memory). */
export function textFile(name: string, text: string): FileBytes {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** The file's content as UTF-8 text (a byte-order mark is dropped). */
export function fileText(file: FileBytes): string {
  return new TextDecoder('utf-8').decode(file.bytes);
}

/** The lower-case extension of a file name with its dot (`.xlsx`), or '' when it has none. */
export function extensionOf(name: string): string {
  const base = baseNameOf(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The last segment of a path (`/a/b/panel.xlsx` → `panel.xlsx`), for either separator. */
export function baseNameOf(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}
