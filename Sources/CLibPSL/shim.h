#ifndef TELEX_CLIBPSL_SHIM_H
#define TELEX_CLIBPSL_SHIM_H
// libpsl (Debian's libpsl-dev): the Public Suffix List, compiled into the library, to tell a page's
// registrable domain ("bbc.co.uk" for news.bbc.co.uk) without a hand-written suffix list.
#include <libpsl.h>
#endif
