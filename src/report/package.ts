// policylint's own package.json, read once: the version the CLI, the reports and SARIF print, and the homepage rule
// documentation links point to. This module sits two folders below the package root, as every dist module and the
// CLI bundle do, so one relative path finds the file. The VS Code extension bundles the language server without it.
import { readFileSync } from 'node:fs';

interface PackageInfo {
  version?: string;
  homepage?: string;
}

function readPackage(): PackageInfo {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageInfo;
  } catch {
    return {};
  }
}

export const PACKAGE = readPackage();

/** The version a report or the CLI prints. */
export const VERSION = PACKAGE.version ?? 'unknown';
