#ifndef CCASS_PTY_H
#define CCASS_PTY_H
#include <sys/types.h>

/* Starts `path` on a new pseudo-terminal of cols x rows as its controlling terminal.
   Returns the master descriptor (and the child's pid in *pid), or -1. */
int ccass_pty_spawn(const char *path, char *const argv[], char *const envp[],
                    unsigned short cols, unsigned short rows, pid_t *pid);

#endif
