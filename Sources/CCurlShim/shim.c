// See include/ccurl_shim.h.
#include "ccurl_shim.h"

#include <dlfcn.h>
#include <library_loader.h>
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

static const char *const names[] = {
    "curl_global_init", "curl_easy_init", "curl_easy_cleanup", "curl_easy_reset", "curl_easy_perform",
    "curl_easy_strerror", "curl_easy_setopt", "curl_easy_getinfo", "curl_slist_append", "curl_slist_free_all",
};
static void **const slots[] = {
    (void **)&curl.global_init, (void **)&curl.easy_init, (void **)&curl.easy_cleanup, (void **)&curl.easy_reset,
    (void **)&curl.easy_perform, (void **)&curl.easy_strerror, (void **)&curl.easy_setopt, (void **)&curl.easy_getinfo,
    (void **)&curl.slist_append, (void **)&curl.slist_free_all,
};

static void *open_curl(const char *soname, char *error, size_t size) {
    return bond_library_open(soname, "libcurl4", "HTTP", 0, names, slots, sizeof names / sizeof names[0], error, size);
}

int bond_curl_probe(const char *soname, char *error, size_t size) {
    void *library = open_curl(soname, error, size);
    if (library == NULL) return -1;
    dlclose(library);
    return 0;
}

static void load(void) {
    if (open_curl("libcurl.so.4", load_error, sizeof load_error) == NULL) return;
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
