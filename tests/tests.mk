# Tests: included by the Makefile. `make test` checks the dependencies,
# builds, runs every test, then builds again with AddressSanitizer and
# UndefinedBehaviorSanitizer (in build-asan/) and runs every test again.

TEST_DIR = $(BUILD)/tests
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(TEST_DIR)/%)
ASAN_BUILD ?= build-asan

.PHONY: test test-run golden-update

test: $(BUILD)/.deps-test
	$(Q)$(MAKE) --no-print-directory all test-run
ifeq ($(SANITIZE),)
	$(Q)$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) \
		SANITIZE=address,undefined all test-run
endif

test-run: $(UNIT_BIN) $(BUILD)/bin/smtpcode $(HEADER)
	$(Q)BUILD=$(BUILD) CC="$(CC)" CXX="$(CXX)" SANITIZE="$(SANITIZE)" \
		sh tests/run.sh

# A change of the flags rebuilds the tests too (Makefile's .flags).
$(UNIT_BIN): $(BUILD)/.flags

# Unit tests link the generator's modules (not its main) and cmocka; the
# header's test also includes the generated header.
$(TEST_DIR)/%: tests/unit/%.c $(GEN_OBJ) $(HEADER) | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -Igen -I$(BUILD)/include \
		$(XML_CFLAGS) $(CMARK_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< \
		$(GEN_OBJ) $(XML_LIBS) $(CMARK_LIBS) $(CMOCKA_LIBS) -pthread

# The bounce reader's test compiles lookup/bounce.c with the header's
# tables in its own unit (no SMTPCODE_SPLIT), and needs no gen module.
$(TEST_DIR)/test_bounce: tests/unit/test_bounce.c lookup/bounce.c \
		lookup/bounce.h lookup/esp.c lookup/esp.h $(HEADER) | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -Ilookup -I$(BUILD)/include \
		$(CMOCKA_CFLAGS) -o $@ $< lookup/bounce.c lookup/esp.c $(CMOCKA_LIBS)

# The mail log reader's test compiles lookup/maillog.c and its readers
# with the bounce reader (its strings, and the command a reply answered),
# which has the header's tables in its own unit.
MAILLOG_SRC = lookup/maillog.c lookup/qmail.c lookup/pmta.c lookup/date.c \
	lookup/last.c lookup/bounce.c lookup/esp.c
$(TEST_DIR)/test_maillog: tests/unit/test_maillog.c $(MAILLOG_SRC) \
		lookup/maillog.h lookup/qmail.h lookup/pmta.h lookup/bounce.h lookup/date.h \
		lookup/last.h lookup/esp.h $(HEADER) \
		| $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -Ilookup -I$(BUILD)/include \
		$(CMOCKA_CFLAGS) -o $@ $< $(MAILLOG_SRC) $(CMOCKA_LIBS)

# scan's dates, alone.
$(TEST_DIR)/test_date: tests/unit/test_date.c lookup/date.c lookup/date.h \
		lookup/bounce.h | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -Ilookup \
		$(CMOCKA_CFLAGS) -o $@ $< lookup/date.c $(CMOCKA_LIBS)

# the order of a log's rotations, alone.
$(TEST_DIR)/test_rotated: tests/unit/test_rotated.c lookup/rotated.c \
		lookup/rotated.h | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -Ilookup \
		$(CMOCKA_CFLAGS) -o $@ $< lookup/rotated.c $(CMOCKA_LIBS)

# the input read as it comes (standard input, pipes), alone.
$(TEST_DIR)/test_stream: tests/unit/test_stream.c lookup/stream.c \
		lookup/stream.h | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -Ilookup \
		$(CMOCKA_CFLAGS) -o $@ $< lookup/stream.c $(CMOCKA_LIBS)

# scan's counting table, alone.
$(TEST_DIR)/test_tally: tests/unit/test_tally.c lookup/tally.c lookup/tally.h \
		| $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -Ilookup \
		$(CMOCKA_CFLAGS) -o $@ $< lookup/tally.c $(CMOCKA_LIBS)

# Rewrite the expected output of the golden tests from what the tools
# print now; review the diff before committing it.
golden-update: all
	UPDATE=1 sh tests/catalog-errors.sh $(BUILD)/gen || true
	UPDATE=1 sh tests/cli.sh $(BUILD)/bin/smtpcode || true
