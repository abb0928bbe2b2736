// Found before .policylintrc.yaml in the same folder, as ESLint's .eslintrc.js is.
const severity = await Promise.resolve('error');
export default {
  rules: { 'term/csec': severity },
};
