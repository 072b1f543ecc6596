#include "telex_curl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

telex_curl_functions telex_curl_api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure;
static char failure_text[512];

static int resolve(void *library, void **slot, const char *name) {
    *slot = dlsym(library, name);
    if (*slot) return 1;
    snprintf(failure_text, sizeof failure_text, "libcurl has no %s (libcurl 7.81 or later is needed)", name);
    failure = failure_text;
    return 0;
}

static void load(void) {
    /* The soname of libcurl's ABI 4 (Debian's libcurl4 package, the library the -dev package links), else
       the same ABI built on GnuTLS (libcurl3-gnutls), which some systems have instead. */
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    char first[256];
    const char *why = library ? "" : dlerror(); /* dlerror() clears itself: read once */
    snprintf(first, sizeof first, "%s", why ? why : "not found");
    if (!library) library = dlopen("libcurl-gnutls.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(failure_text, sizeof failure_text, "cannot load libcurl (install the libcurl4 package): %s", first);
        failure = failure_text;
        return;
    }
#define RESOLVE(field, name) if (!resolve(library, (void **)&telex_curl_api.field, name)) return;
    RESOLVE(global_init, "curl_global_init")
    RESOLVE(easy_init, "curl_easy_init")
    RESOLVE(easy_cleanup, "curl_easy_cleanup")
    RESOLVE(easy_setopt, "curl_easy_setopt")
    RESOLVE(easy_getinfo, "curl_easy_getinfo")
    RESOLVE(easy_strerror, "curl_easy_strerror")
    RESOLVE(multi_init, "curl_multi_init")
    RESOLVE(multi_cleanup, "curl_multi_cleanup")
    RESOLVE(multi_setopt, "curl_multi_setopt")
    RESOLVE(multi_add_handle, "curl_multi_add_handle")
    RESOLVE(multi_remove_handle, "curl_multi_remove_handle")
    RESOLVE(multi_perform, "curl_multi_perform")
    RESOLVE(multi_poll, "curl_multi_poll")
    RESOLVE(multi_wakeup, "curl_multi_wakeup")
    RESOLVE(multi_info_read, "curl_multi_info_read")
    RESOLVE(slist_append, "curl_slist_append")
    RESOLVE(slist_free_all, "curl_slist_free_all")
    RESOLVE(url, "curl_url")
    RESOLVE(url_cleanup, "curl_url_cleanup")
    RESOLVE(url_set, "curl_url_set")
    RESOLVE(url_get, "curl_url_get")
    RESOLVE(url_strerror, "curl_url_strerror")
    RESOLVE(free, "curl_free")
#undef RESOLVE
    if (telex_curl_api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        failure = "libcurl could not initialise (curl_global_init failed)";
    }
}

const char *telex_curl_load(void) {
    pthread_once(&once, load);
    return failure;
}
