# bond: build, test, install. `make help` lists the targets.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
RELEASE = .build/release/bond
MANPAGES = $(wildcard man/*.1)

.PHONY: help setup demo build release test bench lint completions install uninstall clean

help:
	@echo "make setup      install missing system packages, build release"
	@echo "make demo       set up, then run the main job on loopback: meter -> log -> Origin registry"
	@echo "make test       build and run every test (starts and stops its services)"
	@echo "make bench      release build, benchmark table against references"
	@echo "make install    install bond, man pages, completions under PREFIX=$(PREFIX) (DESTDIR too)"
	@echo "make uninstall  remove what install installed"
	@echo "make completions  regenerate completions/ from the command table"
	@echo "make build      debug build;  make release  release build (static Swift runtime)"
	@echo "make lint       mandoc -T lint on every man page;  make clean  remove .build"

setup:
	scripts/setup

demo: setup
	scripts/demo

build:
	swift build

# The installed binary: the Swift runtime linked statically, and not position-independent, so
# that the dynamic loader has no relocations of its own code to apply at each start (cron pays
# start-up every minute).
release:
	swift build -c release --static-swift-stdlib -Xlinker -no-pie

test:
	scripts/test

bench:
	bench/run

lint:
	@for page in $(MANPAGES); do mandoc -T lint $$page || exit 1; done

completions: build
	.build/debug/bond completions bash > completions/bond.bash
	.build/debug/bond completions zsh > completions/_bond
	.build/debug/bond completions fish > completions/bond.fish

install: release
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 0755 $(RELEASE) $(BINDIR)/bond
	install -m 0644 $(MANPAGES) $(MANDIR)/
	install -m 0644 completions/bond.bash $(BASHDIR)/bond
	install -m 0644 completions/_bond $(ZSHDIR)/_bond
	install -m 0644 completions/bond.fish $(FISHDIR)/bond.fish

uninstall:
	rm -f $(BINDIR)/bond $(BASHDIR)/bond $(ZSHDIR)/_bond $(FISHDIR)/bond.fish
	rm -f $(addprefix $(MANDIR)/,$(notdir $(MANPAGES)))

clean:
	rm -rf .build
