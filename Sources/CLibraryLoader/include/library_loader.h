// Loading a system library with dlopen on first use, as bond does for libcurl and libxml2
// (ARCHITECTURE.md: linking them would cost every run their start-up).
#ifndef BOND_LIBRARY_LOADER_H
#define BOND_LIBRARY_LOADER_H

#include <stddef.h>

/// Opens `soname` (RTLD_LOCAL; lazily bound when `lazy`) and stores the address of each of
/// the `count` functions `names` into `*slots[i]`. Returns the library handle, or NULL with
/// a one-line message in `error` naming the library, the Debian package that provides it
/// and what bond needs it for, or the missing function.
void *bond_library_open(const char *soname, const char *package, const char *purpose, int lazy,
                        const char *const *names, void **const *slots, size_t count, char *error, size_t size);

#endif
