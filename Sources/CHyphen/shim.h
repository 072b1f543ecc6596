#ifndef TELEX_CHYPHEN_SHIM_H
#define TELEX_CHYPHEN_SHIM_H
// libhyphen (Debian's libhyphen-dev, no pkg-config file): the hyphenation library LibreOffice
// uses, reading the hyph_*.dic pattern dictionaries of Debian's hyphen-* packages.
#include <stdlib.h>
#include <hyphen.h>

// Frees what hnj_hyphen_hyphenate3 allocates for non-standard hyphenation (rep, pos, cut).
static inline void telex_hyphen_free_nonstandard(char **rep, int *pos, int *cut, int count) {
    if (rep) {
        for (int i = 0; i < count; i++) free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
}
#endif
