#ifndef CCASS_PTY_H
#define CCASS_PTY_H
#include <sys/types.h>

/* Starts `path` on a new pseudo-terminal of cols x rows (stdin, stdout and stderr, in a new
   session) with posix_spawn, which costs the same whatever the size of the caller, so every
   program the bench compares is started alike. Returns the master descriptor (and the
   child's pid in *pid), or -1. */
int ccass_pty_spawn(const char *path, char *const argv[], char *const envp[],
                    unsigned short cols, unsigned short rows, pid_t *pid);

#endif
