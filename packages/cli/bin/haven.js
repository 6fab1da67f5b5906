#!/usr/bin/env node
// The `haven` command; the code is compiled TypeScript in ../dist (npm run build).
import '../dist/main.js';
