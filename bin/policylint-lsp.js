#!/usr/bin/env node
// Thin launcher: the language server lives in src/lsp/ (compiled to dist/lsp/).
// Editors start it as `policylint-lsp --stdio`.
import '../dist/lsp/main.js';
