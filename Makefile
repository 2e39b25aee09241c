# smtpcode: catalog/*.xml --gen--> build/include/smtpcode.h, build/site/,
# build/man/ --> build/bin/smtpcode
#
#   make                 build everything (installs missing Debian packages)
#   make test            build and run every test, then again under ASan+UBSan
#   make bench           benchmarks against baselines measured in the same run
#   make install PREFIX=/usr/local DESTDIR=   (make uninstall: the same)
#   SANITIZE=address,undefined  V=1  WERROR=  BUILD=dir
#   CC CFLAGS CPPFLAGS LDFLAGS: as usual; a change of them rebuilds

BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
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
.PHONY: all deps test bench install uninstall clean check-catalog FORCE

all: $(BUILD)/bin/smtpcode $(HEADER) $(BUILD)/man/smtpcode.1

# What the outputs depend on beyond the files' times, each kept in a file
# that changes only when it does (as git's GIT-CFLAGS): the flags, and the
# lists of files (a catalog file removed must remove its entries).
TRACK_FLAGS = $(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(SAN) $(STATIC) $(WARN)
TRACK_FILES = $(CATALOG) $(SITE_ASSETS) $(GEN_SRC) $(LOOKUP_SRC)
define track
	@mkdir -p $(BUILD)
	@printf '%s\n' '$(subst ','\'',$(1))' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi
endef
$(BUILD)/.flags: FORCE
	$(call track,$(TRACK_FLAGS))
$(BUILD)/.files: FORCE
	$(call track,$(TRACK_FILES))

deps: $(BUILD)/.deps-build
$(BUILD)/.deps-%: gen/deps.sh
	$(Q)mkdir -p $(BUILD)
	$(Q)CC="$(CC)" PKG_CONFIG="$(PKG_CONFIG)" sh gen/deps.sh $*
	$(Q)touch $@

# ---- gen, the host tool
$(BUILD)/obj/gen/%.o: gen/%.c $(wildcard gen/*.h) $(BUILD)/.flags \
		| $(BUILD)/.deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN) $(XML_CFLAGS) \
		$(CMARK_CFLAGS) -c -o $@ $<

$(BUILD)/gen: $(GEN_OBJ) $(BUILD)/obj/gen/main.o $(BUILD)/.files
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -pthread -o $@ $(GEN_OBJ) \
		$(BUILD)/obj/gen/main.o $(XML_LIBS) $(CMARK_LIBS)

# ---- the catalog, compiled: header, site, man pages, completion. gen
# replaces them together, or not at all. A file whose bytes did not change
# keeps its time, so the header is touched: it is this rule's target.
$(HEADER): $(BUILD)/gen $(CATALOG) catalog/schema.rng gen/smtpcode.h.in \
		gen/hashfn.h $(SITE_ASSETS) $(BUILD)/.files
	@$(if $(Q),echo "  GEN     $(BUILD)/include $(BUILD)/site $(BUILD)/man")
	$(Q)$(BUILD)/gen -o $(BUILD) $(CATALOG) && touch $@

check-catalog: $(BUILD)/gen
	$(Q)$(BUILD)/gen --check $(CATALOG)

# ---- smtpcode, the command: main.c holds the header's tables once
# (SMTPCODE_IMPLEMENTATION), the other files refer to them.
$(BUILD)/obj/lookup/%.o: lookup/%.c $(wildcard lookup/*.h) $(HEADER) Makefile \
		$(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN) -DSMTPCODE_SPLIT \
		-I$(BUILD)/include -c -o $@ $<

$(BUILD)/bin/smtpcode: $(LOOKUP_OBJ) $(BUILD)/.files
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(SAN) $(STATIC) $(LDFLAGS) -o $@ $(LOOKUP_OBJ)

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
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/smtpcode/site
	cp -R $(BUILD)/site $(DESTDIR)$(PREFIX)/share/doc/smtpcode/
	chmod -R u=rwX,go=rX $(DESTDIR)$(PREFIX)/share/doc/smtpcode/site
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e "s|@VERSION@|$$(sed -n 's/^#define SMTPCODE_VERSION "\(.*\)"/\1/p' $(HEADER))|" \
		gen/smtpcode.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/smtpcode.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/smtpcode \
		$(DESTDIR)$(PREFIX)/include/smtpcode.h \
		$(DESTDIR)$(PREFIX)/share/man/man1/smtpcode.1 \
		$(DESTDIR)$(PREFIX)/share/man/man7/smtpcode.7 \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/smtpcode.pc \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/smtpcode
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/smtpcode

clean:
	rm -rf $(BUILD) build-asan
