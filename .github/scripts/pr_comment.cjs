// One comment per pull request with the plan's summary, rewritten on every push; says so
// when there is no plan. Called by the reusable plan workflow through actions/github-script:
//
//   await require('./cognito-access-tools/.github/scripts/pr_comment.cjs')({ github, context, ... })
//
// `summary` is the Markdown of cognito-access-plan-summary, or null when the plan job
// did not succeed (`outcome` then says how it ended: failure, cancelled, skipped).
'use strict';

const MARKER = '<!-- cognito-access-plan-summary -->';
const LIMIT = 65536; // GitHub's limit for a comment body

function commentBody({ summary, outcome, stack, headSha, runUrl }) {
  let body;
  if (summary !== null) {
    body = summary;
  } else {
    body = [
      `### Terraform plan for \`${stack}\`: ${outcome === 'skipped' ? 'not run' : outcome}`,
      '',
      `There is no plan for this push; the [workflow run](${runUrl}) says why. A plan ` +
        'waits for a maintainer to approve the `pull-request-plan` environment.',
    ].join('\n');
  }
  const footer = `\n\n<sub>Commit ${headSha}, [workflow run](${runUrl}).</sub>\n`;
  const room = LIMIT - footer.length - 100;
  if (body.length > room) {
    body = `${body.slice(0, room)}\n\n*Truncated: the run's job summary has it all.*`;
  }
  return body + footer;
}

module.exports = async function comment({ github, context, summary, outcome, stack }) {
  const { owner, repo } = context.repo;
  const pr = context.payload.pull_request;
  const runUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
  const marker = `${MARKER}<!-- stack: ${stack} -->`;
  const body = `${marker}\n${commentBody({ summary, outcome, stack, headSha: pr.head.sha, runUrl })}`;
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pr.number,
    per_page: 100,
  });
  const previous = comments.find(
    (c) => c.user && c.user.login === 'github-actions[bot]' && (c.body || '').startsWith(marker),
  );
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
  } else {
    await github.rest.issues.createComment({ owner, repo, issue_number: pr.number, body });
  }
};
module.exports.commentBody = commentBody;
module.exports.MARKER = MARKER;
