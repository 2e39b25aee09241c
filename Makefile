# smtpcode: catalog/*.xml --gen--> build/include/smtpcode.h, build/site/,
# build/man/ --> build/bin/smtpcode
#
#   make                 build everything (installs missing Debian packages)
#   make test            build and run every test, then again under ASan+UBSan
#   make bench           benchmarks against baselines measured in the same run
#   make install PREFIX=/usr/local DESTDIR=
#   SANITIZE=address,undefined  V=1  WERROR=  BUILD=dir

BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
WERROR ?= -Werror
SANITIZE ?=
WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wwrite-strings -Wvla $(WERROR)
ifneq ($(SANITIZE),)
SAN = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
STATIC =
else
SAN =
# The command links nothing but libc, statically: it starts as fast as a
# static hello-world and runs on any Linux of the same architecture.
STATIC = -static
endif

ifeq ($(V),1)
Q =
else
Q = @
endif

# Evaluated when used, after the dependency check has run.
XML_CFLAGS = $(shell $(PKG_CONFIG) --cflags libxml-2.0)
XML_LIBS = $(shell $(PKG_CONFIG) --libs libxml-2.0)
CMARK_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcmark)
CMARK_LIBS = $(shell $(PKG_CONFIG) --libs libcmark)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

CATALOG := $(sort $(wildcard catalog/*.xml))
GEN_SRC := $(filter-out gen/main.c,$(wildcard gen/*.c))
GEN_OBJ := $(GEN_SRC:gen/%.c=$(BUILD)/obj/gen/%.o)
LOOKUP_SRC := $(wildcard lookup/*.c)
LOOKUP_OBJ := $(LOOKUP_SRC:lookup/%.c=$(BUILD)/obj/lookup/%.o)
SITE_ASSETS := $(wildcard site/*)
HEADER := $(BUILD)/include/smtpcode.h

.DELETE_ON_ERROR:
.PHONY: all deps test bench install clean check-catalog

all: $(BUILD)/bin/smtpcode $(HEADER) $(BUILD)/man/smtpcode.1

deps: $(BUILD)/.deps-build
$(BUILD)/.deps-%: gen/deps.sh
	$(Q)mkdir -p $(BUILD)
	$(Q)CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" sh gen/deps.sh $*
	$(Q)touch $@

# ---- gen, the host tool
$(BUILD)/obj/gen/%.o: gen/%.c $(wildcard gen/*.h) | $(BUILD)/.deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) $(XML_CFLAGS) $(CMARK_CFLAGS) -c -o $@ $<

$(BUILD)/gen: $(GEN_OBJ) $(BUILD)/obj/gen/main.o
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(SAN) -pthread -o $@ $^ $(XML_LIBS) $(CMARK_LIBS)

# ---- the catalog, compiled: header, site, man pages, completion. gen
# replaces them together, or not at all. A file whose bytes did not change
# keeps its time, so the header is touched: it is this rule's target.
$(HEADER): $(BUILD)/gen $(CATALOG) catalog/schema.rng gen/smtpcode.h.in \
		gen/hashfn.h $(SITE_ASSETS)
	@$(if $(Q),echo "  GEN     $(BUILD)/include $(BUILD)/site $(BUILD)/man")
	$(Q)$(BUILD)/gen -o $(BUILD) $(CATALOG) && touch $@

check-catalog: $(BUILD)/gen
	$(Q)$(BUILD)/gen --check $(CATALOG)

# ---- smtpcode, the command: main.c holds the header's tables once
# (SMTPCODE_IMPLEMENTATION), the other files refer to them.
$(BUILD)/obj/lookup/%.o: lookup/%.c $(wildcard lookup/*.h) $(HEADER) Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -DSMTPCODE_SPLIT -I$(BUILD)/include \
		-c -o $@ $<

$(BUILD)/bin/smtpcode: $(LOOKUP_OBJ)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(SAN) $(STATIC) -o $@ $^

# smtpcode(1) is written by hand; gen writes build/man/ anew each time
# (smtpcode(7)), so the copy follows the header.
$(BUILD)/man/smtpcode.1: lookup/smtpcode.1 $(HEADER)
	$(Q)cp lookup/smtpcode.1 $@

# ---- tests
include tests/tests.mk
include tests/bench/bench.mk

# ---- install
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include \
		$(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man7 \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/doc/smtpcode
	install -m 755 $(BUILD)/bin/smtpcode $(DESTDIR)$(PREFIX)/bin/smtpcode
	install -m 644 $(HEADER) $(DESTDIR)$(PREFIX)/include/smtpcode.h
	install -m 644 $(BUILD)/man/smtpcode.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(BUILD)/man/smtpcode.7 $(DESTDIR)$(PREFIX)/share/man/man7/
	install -m 644 $(BUILD)/completion/smtpcode.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/smtpcode
	cp -R $(BUILD)/site $(DESTDIR)$(PREFIX)/share/doc/smtpcode/
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e "s|@VERSION@|$$(sed -n 's/^#define SMTPCODE_VERSION "\(.*\)"/\1/p' $(HEADER))|" \
		gen/smtpcode.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/smtpcode.pc

clean:
	rm -rf $(BUILD) build-asan
