#define _GNU_SOURCE
#include "ccass_pty.h"

#include <pty.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

int ccass_pty_spawn(const char *path, char *const argv[], char *const envp[],
                    unsigned short cols, unsigned short rows, pid_t *pid) {
    struct winsize size = { .ws_row = rows, .ws_col = cols };
    int master = -1;
    pid_t child = forkpty(&master, NULL, NULL, &size);
    if (child < 0) return -1;
    if (child == 0) {
        execve(path, argv, envp);
        _exit(127);
    }
    *pid = child;
    return master;
}
