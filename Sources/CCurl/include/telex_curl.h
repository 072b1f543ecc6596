#ifndef TELEX_CCURL_H
#define TELEX_CCURL_H
/* libcurl, loaded at its first use (telex_curl_load): the types and constants come from curl.h (the
   -dev package at build time), the functions from libcurl.so.4 found by dlopen at run time. Every call
   goes through `telex_curl_api`, filled once. Callers check telex_curl_load() before their first call. */
#include <curl/curl.h>

typedef struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    const char *(*easy_strerror)(CURLcode);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
    const char *(*url_strerror)(CURLUcode);
    void (*free)(void *);
} telex_curl_functions;

/* Loads libcurl once (thread-safe) and initialises its global state. NULL when ready, else why not
   (the message stays valid for the life of the process). */
const char *telex_curl_load(void);
/* The functions; only after telex_curl_load() returned NULL. */
extern telex_curl_functions telex_curl_api;

static inline CURL *telex_curl_easy_init(void) { return telex_curl_api.easy_init(); }
static inline void telex_curl_easy_cleanup(CURL *h) { telex_curl_api.easy_cleanup(h); }
static inline const char *telex_curl_easy_strerror(CURLcode c) { return telex_curl_api.easy_strerror(c); }
static inline CURLM *telex_curl_multi_init(void) { return telex_curl_api.multi_init(); }
static inline CURLMcode telex_curl_multi_cleanup(CURLM *m) { return telex_curl_api.multi_cleanup(m); }
static inline CURLMcode telex_curl_multi_add_handle(CURLM *m, CURL *h) { return telex_curl_api.multi_add_handle(m, h); }
static inline CURLMcode telex_curl_multi_remove_handle(CURLM *m, CURL *h) { return telex_curl_api.multi_remove_handle(m, h); }
static inline CURLMcode telex_curl_multi_perform(CURLM *m, int *running) { return telex_curl_api.multi_perform(m, running); }
static inline CURLMcode telex_curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned int n, int ms, int *numfds) {
    return telex_curl_api.multi_poll(m, fds, n, ms, numfds);
}
static inline CURLMcode telex_curl_multi_wakeup(CURLM *m) { return telex_curl_api.multi_wakeup(m); }
static inline CURLMsg *telex_curl_multi_info_read(CURLM *m, int *left) { return telex_curl_api.multi_info_read(m, left); }
static inline struct curl_slist *telex_curl_slist_append(struct curl_slist *l, const char *s) { return telex_curl_api.slist_append(l, s); }
static inline void telex_curl_slist_free_all(struct curl_slist *l) { telex_curl_api.slist_free_all(l); }
static inline CURLU *telex_curl_url(void) { return telex_curl_api.url(); }
static inline void telex_curl_url_cleanup(CURLU *u) { telex_curl_api.url_cleanup(u); }
static inline CURLUcode telex_curl_url_set(CURLU *u, CURLUPart p, const char *s, unsigned int flags) { return telex_curl_api.url_set(u, p, s, flags); }
static inline CURLUcode telex_curl_url_get(CURLU *u, CURLUPart p, char **out, unsigned int flags) { return telex_curl_api.url_get(u, p, out, flags); }
static inline const char *telex_curl_url_strerror(CURLUcode c) { return telex_curl_api.url_strerror(c); }
static inline void telex_curl_free(void *p) { telex_curl_api.free(p); }

/* curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic: Swift cannot call
   them. One typed wrapper per kind of argument. */
static inline CURLcode telex_curl_set_long(CURL *h, CURLoption o, long v) { return telex_curl_api.easy_setopt(h, o, v); }
static inline CURLcode telex_curl_set_off(CURL *h, CURLoption o, curl_off_t v) { return telex_curl_api.easy_setopt(h, o, v); }
/* Strings (copied by libcurl), slists and callback data pointers. */
static inline CURLcode telex_curl_set_pointer(CURL *h, CURLoption o, void *v) { return telex_curl_api.easy_setopt(h, o, v); }
static inline CURLcode telex_curl_set_write_function(CURL *h, CURLoption o, curl_write_callback f) { return telex_curl_api.easy_setopt(h, o, f); }
static inline CURLcode telex_curl_set_opensocket_function(CURL *h, curl_opensocket_callback f) {
    return telex_curl_api.easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f);
}
static inline CURLcode telex_curl_set_prereq_function(CURL *h, curl_prereq_callback f) {
    return telex_curl_api.easy_setopt(h, CURLOPT_PREREQFUNCTION, f);
}
static inline CURLcode telex_curl_get_long(CURL *h, CURLINFO i, long *v) { return telex_curl_api.easy_getinfo(h, i, v); }
static inline CURLcode telex_curl_get_off(CURL *h, CURLINFO i, curl_off_t *v) { return telex_curl_api.easy_getinfo(h, i, v); }
static inline CURLcode telex_curl_get_string(CURL *h, CURLINFO i, char **v) { return telex_curl_api.easy_getinfo(h, i, v); }
static inline CURLMcode telex_curl_multi_set_long(CURLM *m, CURLMoption o, long v) { return telex_curl_api.multi_setopt(m, o, v); }

/* Macros Swift does not import. */
static const curl_socket_t telex_curl_socket_bad = CURL_SOCKET_BAD;
static const int telex_curl_prereq_ok = CURL_PREREQFUNC_OK;
static const int telex_curl_prereq_abort = CURL_PREREQFUNC_ABORT;
static const long telex_curl_http_version_2tls = CURL_HTTP_VERSION_2TLS;
#endif
