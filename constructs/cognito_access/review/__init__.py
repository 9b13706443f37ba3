"""A reviewer's summary of a Terraform plan, written as Markdown for a pull-request comment.

It reads the JSON of ``terraform show -json <saved plan>`` and writes, in this order:

- ``MARKER``, by which a CI workflow finds and updates its own comment;
- the counts: to import, add, change, replace and destroy;
- one caution for each change that users of the Cognito login will feel: replacing or
  destroying the app client, the hosted UI domain, the Cloudflare login method, the user
  pool or an Access application; the login page moving (another domain, managed login
  on or off, its DNS record replaced or destroyed); changes that weaken the login
  (endpoints on another host, PKCE off, other OAuth flows or callbacks, longer-lived
  tokens, a relaxed user pool); and changes that widen who gets in (rules added to an
  Access policy's ``include``, rules matching every user, the ``login_method``
  requirement removed, a ``bypass`` decision, wider ``allowed_idps``, a policy attached);
- one line per changed resource, with each value that changes, old and new (a created
  resource: each value it is given);
- the names of the outputs that change.

Values are masked one by one, never whole attributes: what Terraform marks sensitive,
strings and numbers under a secret's name (``client_secret``, ``password``,
``api_token``, not ``token_url``; never a boolean or an empty object), and any copy of
those in a resource (cautioned); never because an output holds the same text. The
whole summary fits one GitHub comment.

From the command line: ``cognito-access-plan-summary [PLAN_JSON] [--max-chars N]``, and
the configuration gate ``cognito-access-check-config CDK_TF_JSON --state-bucket BUCKET``.
The package imports only the standard library, so the command starts quickly.

Modules: ``_plan`` reads and checks the plan, ``_masking`` decides what may be shown,
``_kinds`` lists every kind of caution (``docs/reference/cautions.md`` lists the same),
``_cautions`` (replacements, copied secrets, and the order of the others),
``_login_page`` (the login page moving), ``_weakened`` (weaker settings), ``_trust``
(federated providers, Lambda triggers, writable attributes, roles anyone may assume),
``_hosts`` (plain HTTP, look-alike hosts), ``_widened`` (more users let in) and
``_unprotected`` (deny policies loosened, hosts left unprotected) say what users will
feel, ``_text`` and ``_render`` write the Markdown, ``_cli`` is the command line, and
``_config_check`` is the configuration gate a CI plan job runs first.
"""

from __future__ import annotations

from cognito_access.review._cli import main
from cognito_access.review._config_check import config_problems
from cognito_access.review._config_check import main as check_config
from cognito_access.review._render import GITHUB_COMMENT_LIMIT, MARKER, summarize

__all__ = ["GITHUB_COMMENT_LIMIT", "MARKER", "check_config", "config_problems", "main", "summarize"]
