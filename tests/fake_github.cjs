// Runs one of the workflows' github-script modules against a fake `github` client and
// prints what it did, as JSON: { result, calls: [[method, params], ...] }.
//
//   node tests/fake_github.cjs MODULE '{"existing": [...], "options": {...}, "payload": {...}}'
//
// `existing` is what the listing calls (listComments, listForRepo) return; every
// other call is recorded and answered with { data: { number: 99 } }.
'use strict';

const [modulePath, scenarioText] = process.argv.slice(2);
const scenario = JSON.parse(scenarioText);
const calls = [];
const record = (name) => async (params) => {
  calls.push([name, params]);
  return { data: { number: 99 } };
};
const rest = { issues: {} };
for (const name of ['create', 'update', 'createComment', 'updateComment']) {
  rest.issues[name] = record(name);
}
rest.issues.listComments = 'listComments';
rest.issues.listForRepo = 'listForRepo';
const github = {
  rest,
  paginate: async (method, params) => {
    calls.push([method, params]);
    return scenario.existing;
  },
};
const context = {
  repo: { owner: 'acme', repo: 'infra' },
  serverUrl: 'https://github.com',
  runId: 42,
  sha: 'c0ffee',
  payload: scenario.payload || {},
};

require(require('node:path').resolve(modulePath))({ github, context, ...scenario.options })
  .then((result) => process.stdout.write(JSON.stringify({ result: result ?? null, calls })))
  .catch((error) => {
    process.stderr.write(String(error && error.stack));
    process.exit(1);
  });
