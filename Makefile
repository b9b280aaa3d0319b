# hwcloud.connections — the two commands that matter: `make demo` and `make test`.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin
TREE_ROOT := $(ROOT)/build/collections
TREE := $(TREE_ROOT)/ansible_collections/hwcloud/connections
MATRIX := $(ROOT)/build/matrix
DOCS := $(ROOT)/build/docs
export ANSIBLE_COLLECTIONS_PATH := $(TREE_ROOT)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help venv system-deps tree lint sanity units emulator-tests integration reliability suite matrix test docs demo emulator bench soak clean

help:
	@echo "make demo      run the endpoints runbook against the embedded emulator (no cloud account needed)"
	@echo "make test      lint, sanity, unit, emulator and integration tests, and the ansible-core matrix (sets everything up itself)"
	@echo "make matrix    the ansible-core matrix alone (tests/harness/matrix.yml)"
	@echo "make docs      the collection's HTML docsite, offline (build/docs/build/html/index.html)"
	@echo "make emulator  run the Huawei Cloud API emulator in the foreground (any python3, no virtualenv; example DRS jobs seeded)"
	@echo "make bench     benchmarks against the emulator (writes bench/results.md)"
	@echo "make soak      the whole reliability suite (make test runs its fast part)"

# A virtualenv on the newest working Python >= 3.12, rebuilt when the pinned requirements change.
$(VENV)/.stamp: requirements.txt requirements-dev.txt
	@py=$$(tests/harness/find-python)
	if [ ! -x "$(BIN)/python" ] || ! "$(BIN)/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
	  rm -rf "$(VENV)"; "$$py" -m venv "$(VENV)"
	fi
	"$(BIN)/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch "$@"

venv: $(VENV)/.stamp

system-deps:
	@tests/support/install-system-deps.sh

# The tree is its own (empty) git work tree: ansible-test lists files through git, and the parent repo ignores build/.
tree: venv
	@"$(BIN)/python" tests/harness/build_tree.py "$(ROOT)" "$(TREE_ROOT)"
	[ -d "$(TREE)/.git" ] || git init -q "$(TREE)"

# ansible-lint installs this collection into $$ANSIBLE_HOME/collections: the venv's, not the ~/.ansible every checkout shares.
lint: tree
	cd "$(TREE)" && PATH="$(BIN):$$PATH" ANSIBLE_HOME="$(VENV)/.ansible" "$(BIN)/ansible-lint" --profile production --strict
	cd "$(TREE)" && "$(BIN)/antsibull-changelog" lint
	PATH="$(BIN):$$PATH" "$(BIN)/antsibull-docs" lint-collection-docs --plugin-docs "$(TREE)"

sanity: tree system-deps
	@"$(BIN)/python" tests/harness/prepare_ansible_test.py
	cd "$(TREE)" && PATH="$(BIN):$$PATH" "$(BIN)/ansible-test" sanity --python $$("$(BIN)/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])') --color no

units: tree
	cd "$(TREE)" && PYTHONPATH="$(TREE_ROOT)" "$(BIN)/pytest" -q tests/unit

emulator-tests: venv system-deps
	PYTHONPATH="$(ROOT)/emulator:$(ROOT)/tests/support" "$(BIN)/pytest" -q tests/emulator

integration: tree system-deps
	cd "$(TREE)" && PATH="$(BIN):$$PATH" PYTHONPATH="$(TREE_ROOT):$(ROOT)/emulator:$(ROOT)/tests/support" "$(BIN)/pytest" -q -n 2 tests/integration

# The reliability subset that fits in make test (< 2 min); make soak runs all of it.
reliability: tree
	cd "$(TREE)" && PATH="$(BIN):$$PATH" PYTHONPATH="$(TREE_ROOT):$(ROOT)/emulator:$(ROOT)/tests/support" "$(BIN)/pytest" -q -m "not soak" tests/reliability

# The full suite on the pinned ansible-core, one part after the other.
suite:
	@for part in lint docs sanity units emulator-tests integration reliability; do $(MAKE) --no-print-directory "$$part"; done

# The other cores (tests/harness/matrix.yml), each in its own cached virtualenv under build/matrix/.
matrix: tree system-deps
	@"$(BIN)/python" tests/harness/matrix.py --tree-root "$(TREE_ROOT)" --cache "$(MATRIX)" --jobs "$${MATRIX_JOBS:-2}"

# The suite and the matrix side by side (they share nothing but the read-only tree).
test: tree system-deps
	@start=$$(date +%s)
	$(MAKE) --no-print-directory -j2 suite matrix
	echo "make test: all suites and the ansible-core matrix passed in $$(( $$(date +%s) - start ))s"

docs: tree
	@PATH="$(BIN):$$PATH" "$(BIN)/python" tests/harness/build_docsite.py "$(DOCS)"

soak: tree
	cd "$(TREE)" && PATH="$(BIN):$$PATH" PYTHONPATH="$(TREE_ROOT):$(ROOT)/emulator:$(ROOT)/tests/support" "$(BIN)/pytest" -q tests/reliability

bench: tree
	cd "$(TREE)" && PATH="$(BIN):$$PATH" "$(BIN)/python" bench/run.py --output "$(ROOT)/bench/results.md" --workdir "$(ROOT)/bench/output"

# No root, no MariaDB: the demo uses pip-installable protocol peers (mysql-mimic, librdkafka's mock broker).
demo: tree
	cd "$(TREE)" && PATH="$(BIN):$$PATH" "$(BIN)/python" demo/run_demo.py --quiet-second-run

# The emulator needs only the standard library: any python3, no virtualenv. It seeds the documented example DRS jobs.
emulator:
	PYTHONPATH="$(ROOT)/emulator" python3 -m hwcloud_emulator --port "$${PORT:-8080}" --example-jobs

clean:
	rm -rf build .venv
