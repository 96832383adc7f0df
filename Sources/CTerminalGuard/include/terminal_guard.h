#ifndef CCASS_TERMINAL_GUARD_H
#define CCASS_TERMINAL_GUARD_H

/* Keeps the terminal recoverable whatever happens to the process: the settings from
   before ncurses are saved, and a crash or a stop signal puts them back. Also the program
   loop's sleep: input, a wake-up from another thread, or a stop signal end it. */

/* Saves the terminal's settings; call before initscr. */
void ccass_guard_save(void);

/* Installs handlers: crashes (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE) restore
   the terminal, run the registered clean-up, and die by the same signal; SIGTERM, SIGHUP
   and SIGINT set a flag the main loop reads and wake it. */
void ccass_guard_install(void);

/* Restores the saved settings and leaves the alternate screen with the cursor shown.
   Async-signal-safe. */
void ccass_guard_restore(void);

/* The stop signal received since the last call, or 0. */
int ccass_guard_take_stop_signal(void);

/* Sleeps until `fd` is readable, ccass_guard_wake() is called, a signal arrives, or
   timeout_ms passes (-1: no timeout). Returns 1 when fd is readable, 0 otherwise. */
int ccass_guard_wait(int fd, int timeout_ms);

/* Ends a ccass_guard_wait early; safe from any thread and from signal handlers. */
void ccass_guard_wake(void);

/* A directory to remove (with the files directly in it) if the process crashes: a
   working copy of the store. NULL to forget it. The path is copied. */
void ccass_guard_remove_on_crash(const char *directory);

#endif
