// See include/library_loader.h.
#include "library_loader.h"

#include <dlfcn.h>
#include <stdio.h>

void *bond_library_open(const char *soname, const char *package, const char *purpose, int lazy,
                        const char *const *names, void **const *slots, size_t count, char *error, size_t size) {
    void *library = dlopen(soname, (lazy ? RTLD_LAZY : RTLD_NOW) | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, size, "cannot load %s, which bond needs for %s (Debian package %s): %s", soname, purpose, package,
                 reason ? reason : "not found");
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        *slots[i] = dlsym(library, names[i]);
        if (*slots[i] == NULL) {
            snprintf(error, size, "%s lacks %s", soname, names[i]);
            dlclose(library);
            return NULL;
        }
    }
    return library;
}
