#define _GNU_SOURCE
#include "ccass_pty.h"

#include <fcntl.h>
#include <pty.h>
#include <spawn.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

int ccass_pty_spawn(const char *path, char *const argv[], char *const envp[],
                    unsigned short cols, unsigned short rows, pid_t *pid) {
    struct winsize size = { .ws_row = rows, .ws_col = cols };
    int master = -1, slave = -1;
    if (openpty(&master, &slave, NULL, NULL, &size) != 0) return -1;
    fcntl(master, F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, slave, 0);
    posix_spawn_file_actions_adddup2(&actions, slave, 1);
    posix_spawn_file_actions_adddup2(&actions, slave, 2);
    posix_spawn_file_actions_addclose(&actions, slave);
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
    int failed = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(slave);
    if (failed) {
        close(master);
        return -1;
    }
    return master;
}
