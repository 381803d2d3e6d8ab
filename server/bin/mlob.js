#!/usr/bin/env node
// The `mlob` command. The server runs its TypeScript through tsx (no build step to forget).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
