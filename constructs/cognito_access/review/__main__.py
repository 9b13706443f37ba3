"""``python -m cognito_access.review``: the plan summary's command line."""

from cognito_access.review._cli import main

raise SystemExit(main())
