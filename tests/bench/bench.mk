# Benchmarks: included by the Makefile. `make bench` checks the
# dependencies (gen/deps.sh bench: gperf, valgrind, hyperfine), builds
# everything, builds the benchmark programs into $(BUILD)/bench/, then
# tests/bench/run.sh measures ours against baselines run on this machine
# in the same run, and prints one table. `make test` times nothing.

BENCH_DIR = $(BUILD)/bench
BENCH_PROGS = $(BENCH_DIR)/keys $(BENCH_DIR)/texts $(BENCH_DIR)/lookup \
	      $(BENCH_DIR)/hello $(BENCH_DIR)/branch
# The project's flags, plus -g so that callgrind can name source lines
# (it changes no code). Never a sanitizer: it would be timed too.
BENCH_CFLAGS = $(WARN) $(CFLAGS) -g -I$(BUILD)/include -Itests/bench
GPERF ?= gperf

.PHONY: bench-progs

ifneq ($(SANITIZE),)
bench:
	@echo "bench: the benchmarks measure the plain build; run make bench without SANITIZE" >&2
	@exit 2
else
bench:
	$(Q)CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" sh gen/deps.sh bench
	$(Q)$(MAKE) --no-print-directory all bench-progs
	$(Q)BUILD=$(BUILD) sh tests/bench/run.sh
endif

bench-progs: $(BENCH_PROGS)

$(BENCH_DIR)/keys $(BENCH_DIR)/texts: $(BENCH_DIR)/%: tests/bench/%.c $(HEADER)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BENCH_CFLAGS) -o $@ $<

# The baselines: gperf over the canonical keys (build/bench/keys gperf),
# as they are written and ignoring case as smtpcode_lookup does.
$(BENCH_DIR)/keys.gperf: $(BENCH_DIR)/keys
	$(Q)$< gperf > $@

$(BENCH_DIR)/keys_ci.gperf: $(BENCH_DIR)/keys
	$(Q)$< gperf --ignore-case > $@

$(BENCH_DIR)/gperf_lookup.c $(BENCH_DIR)/gperf_lookup_ci.c: \
		$(BENCH_DIR)/gperf_lookup%.c: $(BENCH_DIR)/keys%.gperf
	@$(if $(Q),echo "  GPERF   $<")
	$(Q)$(GPERF) --output-file=$@.tmp $< && mv $@.tmp $@

# lookup.c includes the gperf output, so the lookups are compiled alike.
$(BENCH_DIR)/lookup: tests/bench/lookup.c tests/bench/gperf_lookup.h \
		$(BENCH_DIR)/gperf_lookup.c $(BENCH_DIR)/gperf_lookup_ci.c \
		$(HEADER)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BENCH_CFLAGS) -I$(BENCH_DIR) -o $@ $<

$(BENCH_DIR)/branch: tests/bench/branch.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BENCH_CFLAGS) -o $@ $<

# Linked as build/bin/smtpcode is: statically, with the same flags.
$(BENCH_DIR)/hello: tests/bench/hello.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) -static -o $@ $<
