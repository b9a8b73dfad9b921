# airbyte-mcp: `make run` serves MCP on stdio, `make test` runs every test, `make lint` checks format and static
# analysis, `make bench` runs the benchmarks.
JBANG_VERSION := 0.132.1
# The JVM options users' server runs with (the script's //RUNTIME_OPTIONS); the sync and declarative benches use
# them too, so they measure what the server does.
RUNTIME_OPTIONS := $(shell sed -n 's|^//RUNTIME_OPTIONS ||p' AirbyteMcp.java)
JBANG_HOME    := $(CURDIR)/build/jbang
# JBang from PATH when the user has it; otherwise bootstrapped from Maven Central (no GitHub download).
JBANG         := $(or $(shell command -v jbang 2>/dev/null),$(JBANG_HOME)/jbang)
MVN           := mvn -B -ntp
NPM_DIR       := tests/interop
CONFORMANCE_DIR := tests/conformance

.PHONY: run test test-real-images lint format bench corpus-read jar jbang interop-deps conformance-deps clean

run: jbang
	@exec $(JBANG) --quiet AirbyteMcp.java

jbang: $(if $(findstring $(JBANG_HOME),$(JBANG)),$(JBANG_HOME)/jbang,)

$(JBANG_HOME)/jbang: scripts/jbang
	@mkdir -p $(JBANG_HOME)/lib
	@$(MVN) -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
	    -Dartifact=dev.jbang:jbang-cli:$(JBANG_VERSION):jar:all -DoutputDirectory=$(JBANG_HOME)/lib >&2
	@cp scripts/jbang $(JBANG_HOME)/jbang && chmod +x $(JBANG_HOME)/jbang
	@echo "JBang $(JBANG_VERSION) bootstrapped into $(JBANG_HOME)" >&2

# The release artifact the catalog alias runs: attach target/airbyte-mcp-VERSION.jar to the vVERSION release.
jar:
	$(MVN) -q package -Dmaven.test.skip=true

# Without npm (and CI unset) the npm-driven tests are skipped, naming what is missing; CI must have npm.
NPM_AVAILABLE := $(shell command -v npm >/dev/null 2>&1 && echo yes)
ifeq ($(NPM_AVAILABLE)$(CI),)
interop-deps conformance-deps:
	@echo "npm not found: the TypeScript client and MCP conformance tests will be skipped" >&2
else
interop-deps: $(NPM_DIR)/node_modules/.package-lock.json
conformance-deps: $(CONFORMANCE_DIR)/node_modules/.package-lock.json
endif

$(NPM_DIR)/node_modules/.package-lock.json: $(NPM_DIR)/package.json $(NPM_DIR)/package-lock.json
	cd $(NPM_DIR) && npm ci --no-audit --no-fund

# The official MCP conformance suite (and the Node 22 it needs, also from npm), run by HttpConformanceTest.
$(CONFORMANCE_DIR)/node_modules/.package-lock.json: $(CONFORMANCE_DIR)/package.json $(CONFORMANCE_DIR)/package-lock.json
	cd $(CONFORMANCE_DIR) && npm ci --no-audit --no-fund

test: jbang interop-deps conformance-deps
	$(MVN) test -Dairbytemcp.jbang=$(JBANG)

# Formatter check (google-java-format via Spotless), Error Prone at compile time, forbidden-apis (locale, charset,
# System.out). `make format` rewrites the sources in the project's format.
lint:
	$(MVN) -Plint process-test-classes

format:
	$(MVN) -Plint spotless:apply

# Opt-in: real Airbyte images (source-faker, destination-duckdb; latest and a pinned version) pulled from Docker Hub
# by Testcontainers, with Ryuk removing containers. Needs Docker and a registry; skipped with the reason otherwise.
test-real-images:
	$(MVN) test -Dgroups=real-images -DexcludedGroups= -Dtestcontainers.ryuk.disabled=false \
	    -Dtest=RealAirbyteImagesTest -Dsurefire.failIfNoSpecifiedTests=false

bench: jbang
	$(MVN) -q test-compile -DskipTests
	$(MVN) -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/bench.classpath -DincludeScope=runtime >&2
	rm -rf target/bench-classes && javac -d target/bench-classes -cp target/classes:$$(cat target/bench.classpath) $$(find tests/bench -name '*.java')
	java $(RUNTIME_OPTIONS) -cp target/bench-classes:target/classes:$$(cat target/bench.classpath) airbytemcp.bench.DeclarativeBench
	java -cp target/bench-classes:target/classes:$$(cat target/bench.classpath) airbytemcp.bench.MaskingBench
	java $(RUNTIME_OPTIONS) -cp target/bench-classes:target/classes:$$(cat target/bench.classpath) airbytemcp.bench.MaskingBench
	java -cp target/bench-classes:target/classes:$$(cat target/bench.classpath) -Dairbytemcp.jbang=$(JBANG) airbytemcp.bench.StartupBench
	java $(RUNTIME_OPTIONS) -cp target/bench-classes:target/classes:$$(cat target/bench.classpath) airbytemcp.cache.WideRecordsBench
	java $(RUNTIME_OPTIONS) -cp target/bench-classes:target/classes:$$(cat target/bench.classpath) airbytemcp.bench.CacheBench $(BENCH_SIZES)

# Reads every stream of every manifest in MANIFESTS (default: the shared corpus, unpacked into target/) against a
# fake API made from each manifest; the harness is test code and never ships. REPORT=FILE also writes a CSV.
corpus-read:
	$(MVN) -q test-compile -DskipTests
	$(MVN) -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/test.classpath -DincludeScope=test >&2
	java -Dcorpus.jobs=$(or $(JOBS),1) -cp target/test-classes:target/classes:$$(cat target/test.classpath) airbytemcp.declarative.CorpusRead "$(MANIFESTS)" $(REPORT)

clean:
	rm -rf target build $(NPM_DIR)/node_modules $(CONFORMANCE_DIR)/node_modules
