// @scf-risk/server — the HTTP API of the lending system (issue 14).
export {};
