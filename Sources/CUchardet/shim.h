#ifndef TELEX_CUCHARDET_SHIM_H
#define TELEX_CUCHARDET_SHIM_H
// uchardet (libuchardet-dev): charset detection from bytes, used by TelexFeeds for documents that
// declare no encoding (or declare a wrong one).
#include <uchardet/uchardet.h>
#endif
