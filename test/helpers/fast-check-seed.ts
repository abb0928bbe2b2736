// Property tests try new random inputs on every local run, which is how they
// find bugs. Under CI (CI=true, set by .ci/run) they replay one fixed seed, so
// that a red build means a change broke something rather than a lucky draw.
// A local failure prints its seed and counterexample: keep it as a plain test.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20_261_129 });
