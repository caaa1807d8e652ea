// See include/ccurl_shim.h.
#include "ccurl_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded = -1;

static void *symbol(void *library, const char *name) {
    void *address = dlsym(library, name);
    if (address == NULL && load_error[0] == 0) {
        snprintf(load_error, sizeof load_error, "libcurl.so.4 lacks %s", name);
    }
    return address;
}

static void *open_library(const char *soname, char *error, size_t size) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, size, "cannot load %s, which bond needs for HTTP (Debian package libcurl4): %s",
                 soname, reason ? reason : "not found");
    }
    return library;
}

int bond_curl_probe(const char *soname, char *error, size_t size) {
    void *library = open_library(soname, error, size);
    if (library == NULL) return -1;
    dlclose(library);
    return 0;
}

static void load(void) {
    void *library = open_library("libcurl.so.4", load_error, sizeof load_error);
    if (library == NULL) return;
    curl.global_init = symbol(library, "curl_global_init");
    curl.easy_init = symbol(library, "curl_easy_init");
    curl.easy_cleanup = symbol(library, "curl_easy_cleanup");
    curl.easy_reset = symbol(library, "curl_easy_reset");
    curl.easy_perform = symbol(library, "curl_easy_perform");
    curl.easy_strerror = symbol(library, "curl_easy_strerror");
    curl.easy_setopt = symbol(library, "curl_easy_setopt");
    curl.easy_getinfo = symbol(library, "curl_easy_getinfo");
    curl.slist_append = symbol(library, "curl_slist_append");
    curl.slist_free_all = symbol(library, "curl_slist_free_all");
    if (load_error[0] != 0) return;
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed");
        return;
    }
    loaded = 0;
}

int bond_curl_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (loaded != 0 && error != NULL && size > 0) {
        snprintf(error, size, "%s", load_error);
    }
    return loaded;
}

CURL *bond_curl_easy_init(void) { return curl.easy_init(); }
void bond_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
void bond_curl_easy_reset(CURL *handle) { curl.easy_reset(handle); }
CURLcode bond_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
const char *bond_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }

CURLcode bond_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode bond_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode bond_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode bond_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode bond_curl_setopt_data_callback(CURL *handle, CURLoption option, bond_curl_data_callback callback) {
    return curl.easy_setopt(handle, option, callback);
}

CURLcode bond_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl.easy_getinfo(handle, info, value);
}
CURLcode bond_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl.easy_getinfo(handle, info, value);
}

struct curl_slist *bond_curl_slist_append(struct curl_slist *list, const char *text) {
    return curl.slist_append(list, text);
}
void bond_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }
