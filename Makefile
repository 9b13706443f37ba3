# The README's commands. Each target sets up what it needs on a fresh machine:
# a virtualenv from pyproject.toml and Node.js 22 + the cdktf CLI from package.json.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
# CDK Terrain's virtualenv (see setup-cdktn).
VENV_CDKTN := .venv-cdktn
CONSTRAINTS_CDKTN := constraints-cdktn.txt
# The project with its [cdktn] extra, and the tools the unit tests need.
CDKTN_REQUIREMENTS := '.[cdktn]' pytest hypothesis
STACK ?= cognito-access
# Project tools first: Node.js 22 from node_modules/.bin (the machine's may be older), then the venv.
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
# No update checks or telemetry calls from the cdktf CLI (the machine may be offline).
export CHECKPOINT_DISABLE := 1

.PHONY: help setup constraints requirements-verify synth test test-fast lint typecheck unit unit-cdktn integration pytest-all mutation docs bench diff deploy verify lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The provider accelerator, a distribution of its own (accelerator/, the `fast` extra):
# installed into .venv from this directory, so that `make synth`, `make test` and CI synthesize
# fast. Neither is an editable install: editable installs leave out the accelerator's
# start-up files, and the tests use what users get. Changing a source file reinstalls both.
ACCELERATOR := ./accelerator
SOURCE_FILES = $(shell find $(1) -type f -not -path '*/__pycache__/*' -not -path '*.egg-info/*' -not -path '*/build/*')
PACKAGE_FILES := MANIFEST.in $(call SOURCE_FILES,constructs)
ACCELERATOR_FILES := $(call SOURCE_FILES,accelerator)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

# The exact versions the project is tested with (pyproject.toml has only ranges), so that
# every machine and CI install the same set. `make constraints` re-resolves them.
CONSTRAINTS := constraints.txt

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml $(CONSTRAINTS) $(PACKAGE_FILES) $(ACCELERATOR_FILES)
	$(VENV)/bin/pip install --quiet --constraint $(CONSTRAINTS) $(ACCELERATOR) '.[cdktf,dev,fast]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed $(VENV_CDKTN)/.installed ## Install Python and Node.js dependencies

# CDK Terrain (cdktn), cdktf's community continuation: a second virtualenv with its
# framework and prebuilt providers, at the exact versions of constraints-cdktn.txt
# (`pip freeze` of a fresh install). Synthesis needs no CLI (`python app.py`); `cdktn diff` does.
.PHONY: setup-cdktn schemas

$(VENV_CDKTN)/bin/python:
	$(PYTHON) -m venv $(VENV_CDKTN)
	$(VENV_CDKTN)/bin/pip install --quiet --upgrade pip

$(VENV_CDKTN)/.installed: $(VENV_CDKTN)/bin/python $(CONSTRAINTS_CDKTN) pyproject.toml $(PACKAGE_FILES)
	$(VENV_CDKTN)/bin/pip install --quiet --constraint $(CONSTRAINTS_CDKTN) $(CDKTN_REQUIREMENTS)
	touch $@

setup-cdktn: $(VENV_CDKTN)/.installed ## Install CDK Terrain and its providers into .venv-cdktn

schemas: $(VENV)/.installed $(VENV_CDKTN)/.installed ## Arguments the cdktn provider bindings add, remove or change
	python -m tests.provider_schema

constraints: $(VENV)/bin/python ## Re-resolve pyproject.toml's ranges to the newest releases into constraints.txt
	rm -rf build/constraints-venv
	$(VENV)/bin/python -m venv build/constraints-venv
	build/constraints-venv/bin/pip install --quiet --upgrade pip
	build/constraints-venv/bin/pip install --quiet $(ACCELERATOR) '.[cdktf,dev,fast]'
	{ echo '# The exact versions `make setup` and CI install: `make constraints` regenerates this file.'; \
	  build/constraints-venv/bin/pip freeze --all --exclude pip --exclude cognito-access \
	    --exclude cognito-access-accelerator; } > $(CONSTRAINTS)
	rm -rf build/constraints-venv
	$(MAKE) --no-print-directory requirements-verify

# boto3 and its dependencies at constraints.txt's versions, each with the SHA-256 of its
# wheel: the deploy workflow installs cognito-access-verify's one dependency with
# `pip install --require-hashes -r requirements-verify.txt` (hashes in a constraints file
# would not satisfy --require-hashes). All are pure-Python wheels (py3-none-any), so the
# hashes hold on any runner; a platform wheel stops this target.
REQUIREMENTS_VERIFY := requirements-verify.txt

requirements-verify: $(VENV)/bin/python ## Rewrite requirements-verify.txt: boto3 and its dependencies, hash-pinned
	rm -rf build/verify-wheels
	$(VENV)/bin/pip download --quiet --only-binary=:all: --dest build/verify-wheels --constraint $(CONSTRAINTS) boto3
	{ echo '# boto3 for cognito-access-verify in the deploy workflow, hash-pinned: `make constraints` (or'; \
	  echo '# `make requirements-verify`) rewrites this file. Install with --require-hashes.'; \
	  for wheel in build/verify-wheels/*.whl; do \
	    case "$$wheel" in *-none-any.whl) ;; *) echo "not a pure-Python wheel: $$wheel" >&2; exit 1 ;; esac; \
	    name_version=$$(basename "$$wheel" | cut -d- -f1,2); \
	    echo "$${name_version/-/==} \\"; \
	    echo "    $$($(VENV)/bin/pip hash "$$wheel" | tail -n 1)"; \
	  done; } > $(REQUIREMENTS_VERIFY)
	rm -rf build/verify-wheels

synth: $(VENV)/.installed node_modules/.installed ## Synthesize the example stack into cdktf.out/
	cdktf synth

# The workflows, and the callers another repository would commit (examples/).
WORKFLOW_FILES := .github/workflows/*.yml examples/github-workflows/*.yml

lint: setup ## ruff, and the GitHub workflows against their schema and zizmor's audits
	ruff check .
	ruff format --check .
	check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOW_FILES)
	zizmor --offline --config .github/zizmor.yml $(WORKFLOW_FILES)

typecheck: setup ## mypy --strict
	mypy

# The test tiers (tests/tiers.py, which tests/conftest.py applies): fast (no Terraform, no
# emulator, no command-line process), process (starts one, or the emulator) and terraform
# (the integration tests). Tests run in one worker per core (pytest-xdist). --dist
# loadscope keeps each module's tests in one worker, so a module's one Terraform apply is
# still shared by its tests. (--dist loadgroup would spread the rest, but pytest-xdist 3.8
# cannot group under pytest 9: it sets Item._nodeid, which pytest 9 no longer reads, so
# every group would be split and its apply made once per worker.) tests/conftest.py lets
# the tests of a module that shares no apply (tests.tiers.SPREAD_MODULES) go one by one.
# --no-loadscope-reorder: the modules start in the order collected, the longest first
# (tests.tiers.LONGEST_FIRST), not ordered by their number of tests.
PYTEST_WORKERS := --numprocesses auto --dist loadscope --no-loadscope-reorder

# HYPOTHESIS_PROFILE (tests/support.py): fewer property-based examples in the fast tier and
# on the second framework; make test and make unit run the full number on cdktf.
test-fast: $(VENV)/.installed node_modules/.installed ## The fast tests only: no Terraform, emulator or process
	HYPOTHESIS_PROFILE=fast pytest -m fast $(PYTEST_WORKERS)

unit: setup ## The tests without the integration tests (fast and process tiers)
	pytest -m 'not terraform' $(PYTEST_WORKERS)

# The tests that run on either framework, on CDK Terrain (cdktn) in .venv-cdktn.
CDKTN_UNIT_TESTS := tests/test_framework.py tests/test_identity_provider.py \
	tests/test_validation.py tests/test_login_domain.py tests/test_access_application.py \
	tests/test_client_settings.py \
	tests/test_urls.py tests/test_import_existing.py tests/test_properties.py \
	tests/test_properties_access.py tests/test_secrets.py tests/test_offboarding.py

unit-cdktn: setup ## The unit tests on CDK Terrain (cdktn), in .venv-cdktn
	HYPOTHESIS_PROFILE=second-framework $(VENV_CDKTN)/bin/pytest -m 'not terraform' $(CDKTN_UNIT_TESTS)

integration: setup ## Only the integration tests (real terraform + AWS emulator)
	pytest -m terraform $(PYTEST_WORKERS)

# The documentation site (mkdocs.yml, docs/), built offline into site/. --strict: a broken
# link or include, a docstring reference that does not resolve, any warning fails.
# NO_MKDOCS_2_WARNING: Material's notice about its successor, printed at every build.
docs: $(VENV)/.installed ## Build the documentation site into site/ (mkdocs build --strict)
	NO_MKDOCS_2_WARNING=1 mkdocs build --strict


# Every tier in one pytest run, so the workers stay busy from the first test to the last.
pytest-all: setup
	pytest $(PYTEST_WORKERS)

# They run side by side (each target's output is printed whole when it ends): the
# checks, the docs and the CDK Terrain tests fill the cores while the cdktf tests'
# longest module finishes.
test: setup ## Every check and every test, on both frameworks, and the documentation build
	$(MAKE) --no-print-directory --jobs=5 --output-sync=target lint typecheck pytest-all unit-cdktn docs

# Mutation testing of the checks that guard security (review/ and the construct's input
# validation) with the fast tests ([tool.mutmut] in pyproject.toml). mutmut runs in a copy,
# build/mutation/, with cognito_access/ at its top: it names each mutant by its file's path,
# and puts its mutants/ first on sys.path, before the copy installed in .venv. Children run
# one at a time: they share the jsii Node.js process forked from mutmut's. Slow; not part
# of `make test`. MUTANTS='cognito_access.review*' limits the run to some mutants.
MUTATION_DIR := build/mutation
MUTANTS ?=

mutation: $(VENV)/.installed node_modules/.installed ## Mutation testing (mutmut) of review/ and the input checks; prints the kill rate
	rm -rf $(MUTATION_DIR)
	mkdir -p $(MUTATION_DIR)
	cp -R constructs/cognito_access tests pyproject.toml main.py settings.py cdktf.json $(MUTATION_DIR)/
	cd $(MUTATION_DIR) && mutmut run --max-children 1 $(MUTANTS)
	cd $(MUTATION_DIR) && python -m tests.mutation_report

bench: setup ## Benchmark: the accelerator against eager provider loading, synthesis at scale, start-up cost, cdktf against cdktn
	python bench/synth.py
	python bench/startup.py
	python bench/frameworks.py

diff: setup ## cdktf diff: what a deploy would change
	cdktf diff $(STACK)

deploy: setup ## cdktf deploy, asking before it applies
	cdktf deploy $(STACK)

verify: setup ## Check the deployed stack works: Cloudflare, the pool, the client, the hosted UI
	cognito-access-verify --stack $(STACK)

# The platforms whose provider checksums .terraform.lock.hcl records.
LOCK_PLATFORMS := linux_amd64 linux_arm64 darwin_amd64 darwin_arm64

lock: synth ## Record the providers' checksums in .terraform.lock.hcl (needs the Terraform registry)
	cd cdktf.out/stacks/$(STACK) && terraform providers lock $(addprefix -platform=,$(LOCK_PLATFORMS))
	cp cdktf.out/stacks/$(STACK)/.terraform.lock.hcl .terraform.lock.hcl

clean: ## Remove generated files (not the installs)
	rm -rf cdktf.out build accelerator/build .mypy_cache .ruff_cache .pytest_cache
