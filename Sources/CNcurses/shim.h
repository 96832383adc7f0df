#ifndef CCASS_CNCURSES_SHIM_H
#define CCASS_CNCURSES_SHIM_H

/* SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdlib.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

/* Macros and globals Swift cannot import (or may not touch under strict concurrency). */
static inline WINDOW *ccass_stdscr(void) { return stdscr; }
static inline int ccass_lines(void) { return LINES; }
static inline int ccass_cols(void) { return COLS; }
static inline int ccass_a_bold(void) { return (int)A_BOLD; }
static inline int ccass_a_reverse(void) { return (int)A_REVERSE; }
static inline int ccass_a_underline(void) { return (int)A_UNDERLINE; }
static inline int ccass_a_dim(void) { return (int)A_DIM; }
static inline int ccass_key_resize(void) { return KEY_RESIZE; }

/* Draws one character (a base and up to four combining or selector code points) with
   attributes and a colour pair at (y, x). */
static inline int ccass_put(int y, int x, const wchar_t *chars, int count, int attrs, short pair) {
    cchar_t cell;
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = chars[i];
    text[n] = 0;
    if (setcchar(&cell, text, (attr_t)attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* From term.h, which is not included: its macros (lines, columns...) would clash. */
extern int setupterm(const char *term, int filedes, int *errret);
extern int del_curterm(struct term *oterm);
extern struct term *cur_term;

/* Whether $TERM names a terminal ncurses can draw a full screen on: 1 yes; 0 TERM is unset;
   -1 terminfo does not know it (or there is no terminfo); -2 it cannot move the cursor (dumb). */
static inline int ccass_terminal_usable(void) {
    const char *term = getenv("TERM");
    if (term == NULL || term[0] == 0) return 0;
    int err = 0;
    if (setupterm(term, 1, &err) != OK) return -1;
    const char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    return usable ? 1 : -2;
}

#endif
