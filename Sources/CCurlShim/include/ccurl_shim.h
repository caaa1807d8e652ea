// bond's door to libcurl: the library is loaded with dlopen on first use, never linked, so
// that subcommands without network pay nothing for it at start-up (libcurl pulls in about 30
// libraries). Swift cannot call curl_easy_setopt and curl_easy_getinfo, which are variadic,
// so each value kind gets a non-variadic wrapper here. Types and constants come from
// libcurl4-openssl-dev's headers.
#ifndef BOND_CCURL_SHIM_H
#define BOND_CCURL_SHIM_H

#include <curl/curl.h>
#include <stddef.h>

/// Loads libcurl.so.4 and runs curl_global_init once. Returns 0, or -1 with a message in
/// `error` (at most `size` bytes) when the library or one of its functions is missing.
int bond_curl_load(char *error, size_t size);

/// Tries to load the shared library `soname` as bond_curl_load does, without keeping it or
/// initialising it; returns 0, or -1 with the message bond_curl_load would give. For tests.
int bond_curl_probe(const char *soname, char *error, size_t size);

CURL *bond_curl_easy_init(void);
void bond_curl_easy_cleanup(CURL *handle);
void bond_curl_easy_reset(CURL *handle);
CURLcode bond_curl_easy_perform(CURL *handle);
const char *bond_curl_easy_strerror(CURLcode code);

CURLcode bond_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode bond_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode bond_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode bond_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/// The callback type of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*bond_curl_data_callback)(char *data, size_t size, size_t count, void *context);
CURLcode bond_curl_setopt_data_callback(CURL *handle, CURLoption option, bond_curl_data_callback callback);

CURLcode bond_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode bond_curl_getinfo_string(CURL *handle, CURLINFO info, char **value);

struct curl_slist *bond_curl_slist_append(struct curl_slist *list, const char *text);
void bond_curl_slist_free_all(struct curl_slist *list);

#endif
