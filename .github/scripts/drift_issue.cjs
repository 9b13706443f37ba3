// Drift, seen: one open issue per stack while the deployed setup differs from main.
// Called by the reusable drift workflow through actions/github-script:
//
//   await require('./cognito-access-tools/.github/scripts/drift_issue.cjs')({ github, context, ... })
//
// With `drift` true it opens the issue, or updates the one open already, with `summary`
// (cognito-access-plan-summary's Markdown, cautions included); with `drift` false it
// closes the open one, saying the drift is gone. Issues are found by a marker in the
// body that names the stack, among open issues the workflow's bot opened.
'use strict';

const LIMIT = 65536; // GitHub's limit for an issue body

function marker(stack) {
  return `<!-- cognito-access-drift: ${stack} -->`;
}

function issueBody({ stack, summary, runUrl, commit }) {
  const head = [
    marker(stack),
    `The deployed \`${stack}\` differs from \`${commit}\`: a plan of it is not empty, ` +
      'so something changed outside Terraform (a dashboard edit, a deleted resource) or a ' +
      'merged change was not applied. The plan, as a reviewer would read it:',
    '',
    '',
  ].join('\n');
  const footer = `\n\n<sub>[Drift check run](${runUrl}). This issue closes itself when a check finds no drift.</sub>\n`;
  const room = LIMIT - head.length - footer.length - 100;
  const text = summary.length > room ? `${summary.slice(0, room)}\n\n*Truncated: the run's job summary has it all.*` : summary;
  return head + text + footer;
}

module.exports = async function reportDrift({ github, context, stack, drift, summary }) {
  const { owner, repo } = context.repo;
  const runUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
  const open = await github.paginate(github.rest.issues.listForRepo, {
    owner,
    repo,
    state: 'open',
    creator: 'github-actions[bot]',
    per_page: 100,
  });
  const existing = open.find((issue) => !issue.pull_request && (issue.body || '').startsWith(marker(stack)));
  if (drift) {
    const title = `Drift: the deployed ${stack} differs from the code`;
    const body = issueBody({ stack, summary, runUrl, commit: context.sha });
    if (existing) {
      await github.rest.issues.update({ owner, repo, issue_number: existing.number, title, body });
      return { action: 'updated', number: existing.number };
    }
    const created = await github.rest.issues.create({ owner, repo, title, body });
    return { action: 'opened', number: created.data.number };
  }
  if (existing) {
    await github.rest.issues.createComment({
      owner,
      repo,
      issue_number: existing.number,
      body: `The drift is gone: a plan of \`${stack}\` at \`${context.sha}\` is empty ([run](${runUrl})).`,
    });
    await github.rest.issues.update({ owner, repo, issue_number: existing.number, state: 'closed', state_reason: 'completed' });
    return { action: 'closed', number: existing.number };
  }
  return { action: 'none', number: null };
};
module.exports.marker = marker;
