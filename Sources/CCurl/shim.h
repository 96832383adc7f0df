#ifndef CCASS_CURL_SHIM_H
#define CCASS_CURL_SHIM_H
// libcurl, loaded with dlopen the first time mail goes to an SMTP server: linking it would
// load 30 more shared libraries into every start of the program (about 11 ms each time, for
// a feature one session in many uses). Only libcurl's header is used at build time.
#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>

typedef struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} ccass_curl_api;

/// Loads libcurl and its functions; 0 if it is not installed.
static inline int ccass_curl_load(ccass_curl_api *api) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) return 0;
    api->global_init = (CURLcode (*)(long))dlsym(library, "curl_global_init");
    api->easy_init = (CURL *(*)(void))dlsym(library, "curl_easy_init");
    api->easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    api->easy_perform = (CURLcode (*)(CURL *))dlsym(library, "curl_easy_perform");
    api->easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    api->easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    api->easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    api->slist_append = (struct curl_slist *(*)(struct curl_slist *, const char *))dlsym(library, "curl_slist_append");
    api->slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    return api->global_init && api->easy_init && api->easy_setopt && api->easy_perform && api->easy_getinfo
        && api->easy_cleanup && api->easy_strerror && api->slist_append && api->slist_free_all;
}

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one
// function per argument type.
static inline CURLcode ccass_curl_set_long(const ccass_curl_api *api, CURL *curl, CURLoption option, long value) {
    return api->easy_setopt(curl, option, value);
}
static inline CURLcode ccass_curl_set_string(const ccass_curl_api *api, CURL *curl, CURLoption option, const char *value) {
    return api->easy_setopt(curl, option, value);
}
static inline CURLcode ccass_curl_set_pointer(const ccass_curl_api *api, CURL *curl, CURLoption option, void *value) {
    return api->easy_setopt(curl, option, value);
}
typedef size_t (*ccass_curl_read_function)(char *buffer, size_t size, size_t count, void *userdata);
static inline CURLcode ccass_curl_set_read_function(const ccass_curl_api *api, CURL *curl, ccass_curl_read_function function) {
    return api->easy_setopt(curl, CURLOPT_READFUNCTION, function);
}
static inline CURLcode ccass_curl_get_long(const ccass_curl_api *api, CURL *curl, CURLINFO info, long *value) {
    return api->easy_getinfo(curl, info, value);
}

#endif
