#!/bin/sh
# `npm test` after the build: the type check (tests, benches and sources) beside the test run — on
# two cores Vitest leaves about a third of the CPU idle (waiting on PostgreSQL, child processes and
# Chromium), which the type check uses. Fails when either fails.
npm run --silent typecheck &
typecheck=$!
npx vitest run
tests=$?
wait "$typecheck"
types=$?
[ "$types" -eq 0 ] || echo "npm test: the type check failed (exit $types)" >&2
[ "$tests" -eq 0 ] && [ "$types" -eq 0 ]
