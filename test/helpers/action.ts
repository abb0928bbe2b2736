// Runs the steps of action.yml the way a GitHub runner would: each `run:` script
// with bash, its `env:` filled from the inputs (defaults, then those given) and
// the action's folder. setup-node and the SARIF upload are GitHub's own actions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from './cli.js';

export interface Step {
  name: string;
  id?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
export interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
export const step = (name: string): Step => action.runs.steps.find((s) => s.name === name)!;

/**
 * Runs a step's script with its env, `${{ inputs.X }}` and `${{ github.action_path }}` (`actionPath`, this checkout
 * by default) filled in, in its working directory if it names one, else in `cwd`.
 */
export function runStep(s: Step, inputs: Record<string, string>, extraEnv: Record<string, string>, cwd: string, actionPath = REPO) {
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  const fill = (v: string) => v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => values[name] ?? '').replace(/\$\{\{\s*github\.action_path\s*\}\}/g, actionPath);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = fill(v);
  const dir = s['working-directory'] ? fill(s['working-directory']) : cwd;
  return spawnSync('bash', ['-e', '-c', s.run!], { cwd: dir, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env, ...extraEnv }, encoding: 'utf8' });
}
