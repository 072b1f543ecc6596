#ifndef TELEX_CLIBXML2_SHIM_H
#define TELEX_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes the system ICU headers,
// which clash with the toolchain's _FoundationICU module in any file that imports Foundation
// ("enum UErrorCode is not present in definition..."). telex never touches the ICU converter
// fields (the last members of xmlCharEncodingHandler, only used through pointers), so ICU is
// left out of this module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/uri.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer: a Swift 6 concurrency error when used directly.
static inline void telex_xmlFree(void *p) { xmlFree(p); }

static void telex_silentGenericError(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
// Keeps libxml2 from printing to stderr (which belongs to the terminal while curses runs).
static inline void telex_silenceLibXML2(void) {
    xmlSetGenericErrorFunc(NULL, telex_silentGenericError);
    xmlSetStructuredErrorFunc(NULL, NULL);
}
#endif
