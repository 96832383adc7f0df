#ifndef CCASS_TERMINAL_GUARD_H
#define CCASS_TERMINAL_GUARD_H

/* Keeps the terminal recoverable whatever happens to the process: the settings from
   before ncurses are saved, and a crash or a stop signal puts them back. */

/* Saves the terminal's settings; call before initscr. */
void ccass_guard_save(void);

/* Installs handlers: crashes (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE) restore
   the terminal and die by the same signal; SIGTERM, SIGHUP and SIGINT set a flag the
   main loop reads. */
void ccass_guard_install(void);

/* Restores the saved settings and leaves the alternate screen with the cursor shown.
   Async-signal-safe. */
void ccass_guard_restore(void);

/* The stop signal received since the last call, or 0. */
int ccass_guard_take_stop_signal(void);

#endif
