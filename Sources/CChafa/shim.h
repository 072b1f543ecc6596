#ifndef TELEX_CCHAFA_SHIM_H
#define TELEX_CCHAFA_SHIM_H
// libchafa (libchafa-dev): pixels to character art. Only CImageCodecs includes it (its pkg-config
// flags carry GLib's include paths); Swift sees chafa through CImageCodecs' small API, not GLib.
#include <chafa.h>
#endif
