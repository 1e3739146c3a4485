# `make` installs and rebuilds dist/ from seeds/; `make test` installs, type-checks and runs every test.
.PHONY: all install build test clean bench real pdf-tools pdf-seeds

all: build

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-fund --no-audit

install: node_modules/.package-lock.json

build: install
	npm run --silent etl -- build --input seeds --out dist

# The report test and the seeds-via-PDF test drive Debian's chromium headless (playwright-core never downloads a
# browser); the latter reads the PDFs back with poppler's pdftotext, and prints with WenQuanYi Micro Hei: the same
# font on every machine, since another CJK font's widths print other layout text (test/e2e/seeds-via-pdf.test.ts).
pdf-tools:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	command -v pdftotext >/dev/null || (apt-get update && apt-get install -y poppler-utils)
	fc-list 'WenQuanYi Micro Hei' 2>/dev/null | grep -q . || (apt-get update && apt-get install -y fonts-wqy-microhei)

test: install pdf-tools
	npx tsx scripts/check-regexes.ts
	npm test

# The seeds 000–003 printed to PDF and read back with pdftotext -layout (scripts/render-seed-pdf.ts), to look at.
PDF_SEEDS_OUT ?= .tmp/pdf-seeds
pdf-seeds: install pdf-tools
	npm run --silent pdf-seeds -- $(PDF_SEEDS_OUT)

clean:
	rm -rf node_modules

# Benchmark on a synthetic corpus generated outside the repository (see scripts/bench.ts).
bench: install
	npx tsx scripts/bench.ts --sizes 1000,10000

# What the build makes of real documents, measured from its output tables (scripts/real.ts): one line per
# document, worst first, and the totals; per-document TSV and totals JSON in .tmp/ to compare runs.
# REAL_INPUT=DIR... measures other folders.
REAL_INPUT ?= ../shared/corpus/real ../shared/corpus seeds
real: install
	@if [ ! -d ../shared/corpus ]; then echo "make real: ../shared/corpus is absent: no real documents to measure here, nothing done. Measure your own folder with: npm run real -- DIR..."; exit 0; fi; \
	mkdir -p .tmp && npx tsx scripts/real.ts $(REAL_INPUT) --tsv .tmp/real.tsv --json .tmp/real.json
