# The README's commands. Each target sets up what it needs on a fresh machine:
# a virtualenv from pyproject.toml and Node.js 22 + the cdktf CLI from package.json.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
STACK ?= cognito-access
# Project tools first: Node.js 22 from node_modules/.bin (the machine's may be older), then the venv.
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
# No update checks or telemetry calls from the cdktf CLI (the machine may be offline).
export CHECKPOINT_DISABLE := 1

.PHONY: help setup synth test lint typecheck unit integration bench diff deploy lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# Not an editable install: the package ships a start-up hook (.pth, see setup.py) that
# editable installs leave out. Changing a source file reinstalls the package.
PACKAGE_FILES := setup.py $(shell find constructs -type f -not -path '*/__pycache__/*')

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml $(PACKAGE_FILES)
	$(VENV)/bin/pip install --quiet '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed ## Install Python and Node.js dependencies

synth: setup ## Synthesize the example stack into cdktf.out/
	cdktf synth

lint: setup ## ruff, and the GitHub workflows against their schema and zizmor's audits
	ruff check .
	ruff format --check .
	check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	zizmor --offline --config .github/zizmor.yml .github/workflows/

typecheck: setup ## mypy --strict
	mypy

unit: setup ## pytest only (every test, integration included)
	pytest

integration: setup ## Only the integration tests (real terraform + AWS emulator)
	pytest -m terraform

test: lint typecheck unit ## Every check and every test

bench: setup ## Benchmark: lazy against eager provider loading, and synthesis at scale
	python bench/synth.py

diff: setup ## cdktf diff: what a deploy would change
	cdktf diff $(STACK)

deploy: setup ## cdktf deploy, asking before it applies
	cdktf deploy $(STACK)

# The platforms whose provider checksums .terraform.lock.hcl records.
LOCK_PLATFORMS := linux_amd64 linux_arm64 darwin_amd64 darwin_arm64

lock: synth ## Record the providers' checksums in .terraform.lock.hcl (needs the Terraform registry)
	cd cdktf.out/stacks/$(STACK) && terraform providers lock $(addprefix -platform=,$(LOCK_PLATFORMS))
	cp cdktf.out/stacks/$(STACK)/.terraform.lock.hcl .terraform.lock.hcl

clean: ## Remove generated files (not the installs)
	rm -rf cdktf.out build .mypy_cache .ruff_cache .pytest_cache
