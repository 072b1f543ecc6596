#ifndef TELEX_CNCURSESW_SHIM_H
#define TELEX_CNCURSESW_SHIM_H
// ncursesw hides its wide-character API unless these are defined before the header.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros with casts are not imported into Swift: expose them as functions.
static inline attr_t telex_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t telex_A_BOLD(void) { return A_BOLD; }
static inline attr_t telex_A_DIM(void) { return A_DIM; }
static inline attr_t telex_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t telex_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t telex_A_ITALIC(void) { return A_ITALIC; }
static inline int telex_KEY_F(int n) { return KEY_F(n); }
static inline WINDOW *telex_stdscr(void) { return stdscr; }
static inline int telex_COLORS(void) { return COLORS; }
static inline int telex_COLOR_PAIRS(void) { return COLOR_PAIRS; }
#endif
