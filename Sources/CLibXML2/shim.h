#ifndef TELEX_CLIBXML2_SHIM_H
#define TELEX_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU: its encoding.h would pull the system <unicode/*.h>, which
// clashes with Foundation's _FoundationICU in any Swift module importing both. We never use
// libxml2's ICU converters (only pointers to xmlCharEncodingHandler), so hide them.
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
