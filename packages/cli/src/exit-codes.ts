/** Exit codes of SPEC §10: 0 ok, 1 a requested check failed, 2 invalid input or usage, 3 internal error (a bug). */
export const EXIT = { ok: 0, checkFailed: 1, invalid: 2, internal: 3 } as const;
